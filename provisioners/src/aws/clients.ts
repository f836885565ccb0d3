// The two AWS clients a cluster needs. Credentials, region and endpoints come from the SDK's
// own default chain and configuration (AWS_REGION, profiles, AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL_AUTO_SCALING, …), so pointing at LocalStack or moto
// needs no code. Throttling (Throttling, RequestLimitExceeded, …) is retried by the SDK's
// standard retry strategy with exponential backoff and jitter; we only raise the attempts.
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { EC2Client } from "@aws-sdk/client-ec2";
import { CallCounter } from "../cloud/call-counter.js";

export interface AwsClients {
  readonly ec2: EC2Client;
  readonly autoScaling: AutoScalingClient;
  readonly calls: CallCounter;
  readonly region: () => Promise<string>;
}

export interface AwsClientOptions {
  /** Else the SDK's chain (AWS_REGION, the profile's region). */
  readonly region?: string;
  /** HTTP attempts per call, throttled or failed ones included (default 10). */
  readonly maxAttempts?: number;
}

type Counted = { middlewareStack: EC2Client["middlewareStack"] };

function countCalls(client: Counted, calls: CallCounter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = (context as { commandName?: string }).commandName?.replace(/Command$/, "") ?? "?";
      try {
        const result = await next(args);
        const meta = (result.output as { $metadata?: { attempts?: number } }).$metadata;
        calls.record(command, meta?.attempts ?? 1);
        return result;
      } catch (error) {
        calls.record(command, (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1);
        throw error;
      }
    },
    { step: "initialize", name: "nomadkitCallCounter" },
  );
}

export function awsClients(options: AwsClientOptions = {}): AwsClients {
  const config = {
    ...(options.region ? { region: options.region } : {}),
    maxAttempts: options.maxAttempts ?? 10,
    retryMode: "standard",
  };
  const ec2 = new EC2Client(config);
  const autoScaling = new AutoScalingClient(config);
  const calls = new CallCounter();
  countCalls(ec2 as Counted, calls);
  countCalls(autoScaling as unknown as Counted, calls);
  return { ec2, autoScaling, calls, region: () => ec2.config.region() };
}
