// The controller: each evaluation reads the cluster once (one snapshot, one group listing),
// moves in-flight removals on, plans queued work across every pool, then decides and acts for
// each pool that is due. Everything it must remember across a restart lives in Nomad (drain
// meta) or the cloud (instances and their launch times); what it keeps in memory (cooldowns,
// backoffs, when each pool is due) only makes it calmer, never correct.
import type { NodeGroupState } from "../cloud/node-groups.js";
import { Backoffs } from "./backoff.js";
import { CountingNomad, GuardedGroups } from "./counting-ports.js";
import { type DecisionEvent, type DecisionFields, decisionEvent } from "./decision-event.js";
import {
  type PendingPlan,
  type PlannerPool,
  planPendingWork,
  type UnplaceableWork,
} from "./pending-planner.js";
import { type ResolvedPolicy, resolvePolicy } from "./policy.js";
import { assessPool, withInstancesTerminated } from "./pool-decision.js";
import { withPoolMeta } from "./pool-meta.js";
import { poolShape } from "./pool-shape.js";
import type { PoolSpec } from "./pool-spec.js";
import { activeCount, buildPoolViews, emptyPoolView, type PoolView } from "./pool-view.js";
import { type Clock, type NodeGroups, type NomadPort, systemClock } from "./ports.js";
import { reconcilePools } from "./reconcile.js";
import { lastRemovalStart, message, nodesBeingRemoved, progressRemovals, startRemovals } from "./removal.js";
import { chooseNodesToRemove } from "./scale-in.js";
import { scaleOut } from "./scale-out.js";
import { failSlowProvisioning } from "./slow-provisioning.js";
import type { Snapshot } from "./snapshot.js";

export type { DecisionEvent } from "./decision-event.js";
export type { PoolSpec, ShapeTemplate } from "./pool-spec.js";

export interface AutoscalerOptions {
  readonly nomad: NomadPort;
  readonly groups: NodeGroups;
  readonly clock?: Clock;
  readonly pools: readonly PoolSpec[];
  /** The autoscaler's identity, written in drain meta; one per cluster. */
  readonly id?: string;
  readonly dryRun?: boolean;
  readonly log?: (event: DecisionEvent) => void;
  /** How long one action (a cloud call, a Nomad node update) may take before that step fails (default 2 minutes). */
  readonly callTimeoutMs?: number;
}

export interface Evaluation {
  readonly decisions: readonly DecisionEvent[];
  /** Nomad API calls: the snapshot's plus one per action. */
  readonly nomadCalls: number;
  readonly cloudCalls: number;
  readonly ms: number;
  readonly unplaceable: readonly UnplaceableWork[];
  /** Pools whose policy was due and so were decided on in this pass. */
  readonly evaluatedPools: readonly string[];
  /** When to call evaluate() next (epoch ms on the autoscaler's clock). */
  readonly nextEvaluationAt: number;
}

/** How often a drain in flight is looked at, whatever the pools' evaluation intervals. */
export const DRAIN_POLL_MS = 10_000;

/** Policies that can't be resolved; every problem, each naming its pool and field. */
export class PolicyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid scaling policy:\n  ${problems.join("\n  ")}`);
  }
}

export const DEFAULT_AUTOSCALER_ID = "nomadkit-autoscaler";

interface PoolState {
  readonly spec: PoolSpec;
  readonly policy: ResolvedPolicy;
}

export class Autoscaler {
  private readonly clock: Clock;
  private readonly id: string;
  private readonly dryRun: boolean;
  private readonly pools: readonly PoolState[];
  private readonly backoffs = new Backoffs();
  private readonly nextDue = new Map<string, number>();
  private readonly lastScaleUp = new Map<string, number>();
  private readonly lastScaleDown = new Map<string, number>();
  /** When the group's desired size was last raised, to notice a cloud that never creates them. */
  private readonly raisedAt = new Map<string, number>();
  private removalsInFlight = false;

  constructor(private readonly options: AutoscalerOptions) {
    this.clock = options.clock ?? systemClock;
    this.id = options.id ?? DEFAULT_AUTOSCALER_ID;
    this.dryRun = options.dryRun ?? false;
    const problems: string[] = [];
    const pools: PoolState[] = [];
    const seen = new Set<string>();
    for (const spec of options.pools) {
      if (seen.has(spec.name)) problems.push(`pool "${spec.name}" is listed twice`);
      seen.add(spec.name);
      const resolved = resolvePolicy(spec);
      if (resolved.ok) pools.push({ spec, policy: resolved.policy });
      else problems.push(...resolved.problems);
    }
    if (problems.length > 0) throw new PolicyError(problems);
    this.pools = pools;
  }

  /** The earliest time a pool is due, or sooner while drains are in flight (they are polled). */
  nextEvaluationAt(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const { spec } of this.pools) next = Math.min(next, this.nextDue.get(spec.name) ?? 0);
    return this.removalsInFlight ? Math.min(next, this.clock.now() + DRAIN_POLL_MS) : next;
  }

  private async snapshot(nomad: NomadPort): Promise<Snapshot> {
    return withPoolMeta(
      await nomad.snapshot(),
      this.pools.map((p) => p.spec),
    );
  }

  /** Finishes or undoes removals a previous run left, from Nomad and cloud state only. */
  async reconcile(): Promise<DecisionEvent[]> {
    const nomad = this.countingNomad();
    const groups = this.guarded();
    const now = this.clock.now();
    const [snapshot, groupStates] = await Promise.all([this.snapshot(nomad), groups.list()]);
    const views = buildPoolViews(snapshot, groupStates);
    const fields = await reconcilePools({
      nomad,
      groups,
      pools: this.pools.map(({ spec, policy }) => ({
        spec,
        policy,
        view: views.get(spec.name) ?? emptyPoolView(spec.name),
      })),
      pending: snapshot.pending,
      id: this.id,
      now,
      dryRun: this.dryRun,
    });
    return this.emit(fields, now);
  }

  async evaluate(): Promise<Evaluation> {
    const started = performance.now();
    const nomad = this.countingNomad();
    const groups = this.guarded();
    const now = this.clock.now();
    const [snapshot, groupStates] = await Promise.all([this.snapshot(nomad), groups.list()]);
    const views = buildPoolViews(snapshot, groupStates);
    const events: DecisionFields[] = [];

    // Every pass, due or not: give up on machines that never joined, move removals on.
    const prepared = await Promise.all(
      this.pools.map(async ({ spec, policy }) => {
        const context = {
          groups,
          backoffs: this.backoffs,
          raisedAt: this.raisedAt,
          now,
          dryRun: this.dryRun,
        };
        const slow = await failSlowProvisioning(
          context,
          views.get(spec.name) ?? emptyPoolView(spec.name),
          policy,
        );
        const removals = await progressRemovals({
          nomad,
          groups,
          view: slow.view,
          policy,
          id: this.id,
          now,
          dryRun: this.dryRun,
        });
        const view = withInstancesTerminated(slow.view, removals.terminated);
        return { spec, policy, view, events: [...slow.events, ...removals.events] };
      }),
    );
    for (const p of prepared) events.push(...p.events);

    const plan = planPendingWork(
      snapshot.pending,
      prepared.map((p) => this.plannerPool(p.spec, p.policy, p.view, now)),
    );
    const due = prepared.filter((p) => (this.nextDue.get(p.spec.name) ?? 0) <= now);
    if (due.length > 0) events.push(...unplaceableEvents(plan));
    // One pool's failure is that pool's error event; the others still decide and act.
    const decided = await Promise.all(
      due.map((p) =>
        this.decideAndAct(p.spec, p.policy, p.view, plan, nomad, groups, now).catch(
          (error): DecisionFields[] => [
            { pool: p.spec.name, action: "error", reason: `evaluation failed: ${message(error)}` },
          ],
        ),
      ),
    );
    for (const e of decided) events.push(...e);
    this.removalsInFlight =
      prepared.some((p) => nodesBeingRemoved(p.view, this.id).length > 0) ||
      events.some((e) => e.action === "drain");

    return {
      decisions: this.emit(events, now),
      nomadCalls: nomad.calls,
      cloudCalls: groups.calls,
      ms: performance.now() - started,
      unplaceable: plan.unplaceable,
      evaluatedPools: due.map((p) => p.spec.name),
      nextEvaluationAt: this.nextEvaluationAt(),
    };
  }

  private countingNomad(): CountingNomad {
    return new CountingNomad(this.options.nomad, this.clock, this.options.callTimeoutMs ?? 120_000);
  }

  private guarded(): GuardedGroups {
    return new GuardedGroups(this.options.groups, this.clock, this.options.callTimeoutMs ?? 120_000);
  }

  private plannerPool(spec: PoolSpec, policy: ResolvedPolicy, view: PoolView, now: number): PlannerPool {
    const backoff = this.backoffs.active(spec.name, now);
    const blocked = !view.group
      ? "the cloud has no node group for it"
      : backoff
        ? `backing off after ${backoff.kind} until ${new Date(backoff.untilMs).toISOString()}`
        : undefined;
    const max = Math.min(policy.max, view.group?.max ?? policy.max);
    return {
      name: spec.name,
      view,
      shape: poolShape(spec, view),
      room: blocked ? 0 : Math.max(0, max - activeCount(view)),
      ...(blocked ? { blocked } : {}),
    };
  }

  /** When the pool last grew: our own call, or the newest instance the cloud launched. */
  private lastGrowth(pool: string, group: NodeGroupState | undefined): number {
    let last = this.lastScaleUp.get(pool) ?? 0;
    for (const i of group?.instances ?? []) last = Math.max(last, i.launchedAt ?? 0);
    return last;
  }

  private async decideAndAct(
    spec: PoolSpec,
    policy: ResolvedPolicy,
    view: PoolView,
    plan: PendingPlan,
    nomad: NomadPort,
    groups: NodeGroups,
    now: number,
  ): Promise<DecisionFields[]> {
    const pool = spec.name;
    this.nextDue.set(pool, now + policy.evaluationIntervalMs);
    const assessment = assessPool(view, policy, poolShape(spec, view), plan);
    const { decision } = assessment;
    const counts = { from: decision.from, to: decision.to, numbers: poolNumbers(view) };
    if (decision.direction === "none") return [{ pool, action: "none", reason: decision.reason, ...counts }];

    if (decision.direction === "up") {
      const assumed = [...(plan.pools.get(pool)?.assumptions ?? [])];
      const reason =
        assumed.length > 0 ? `${decision.reason}; ${assumed.slice(0, 3).join("; ")}` : decision.reason;
      if (!view.group)
        return [
          {
            pool,
            action: "error",
            reason: `${reason}, but the cloud has no node group for pool "${pool}"`,
            ...counts,
          },
        ];
      const backoff = this.backoffs.active(pool, now);
      if (backoff) {
        const wait = `${Math.round((backoff.untilMs - now) / 1000)}s`;
        return [
          {
            pool,
            action: "backoff",
            reason: `${reason}, but ${backoff.kind} (${backoff.message}); retry in ${wait}`,
            ...counts,
            numbers: { ...counts.numbers, untilMs: backoff.untilMs },
          },
        ];
      }
      const since = now - this.lastGrowth(pool, view.group);
      if (since < policy.cooldownUpMs) {
        return [
          {
            pool,
            action: "cooldown",
            reason: `${reason}, but the pool grew ${Math.round(since / 1000)}s ago (cooldown ${policy.cooldownUpMs / 1000}s)`,
            ...counts,
          },
        ];
      }
      const out = await scaleOut({
        groups,
        group: view.group,
        decision: { ...decision, reason },
        backoffs: this.backoffs,
        now,
        dryRun: this.dryRun,
      });
      // A short backoff (throttling) is retried when it ends, not a whole interval later.
      const failed = this.backoffs.active(pool, now);
      if (failed) this.nextDue.set(pool, Math.min(now + policy.evaluationIntervalMs, failed.untilMs));
      if (out.raised) {
        this.lastScaleUp.set(pool, now);
        this.raisedAt.set(pool, now);
      }
      return out.events.map((e) => ({ ...e, numbers: { ...counts.numbers, ...e.numbers } }));
    }

    const lastAction = Math.max(
      this.lastGrowth(pool, view.group),
      this.lastScaleDown.get(pool) ?? 0,
      lastRemovalStart(view, this.id),
    );
    if (now - lastAction < policy.cooldownDownMs) {
      return [
        {
          pool,
          action: "cooldown",
          reason: `${decision.reason}, but the pool changed ${Math.round((now - lastAction) / 1000)}s ago (cooldown ${policy.cooldownDownMs / 1000}s)`,
          ...counts,
        },
      ];
    }
    const choice = chooseNodesToRemove({
      candidates: assessment.candidates,
      wanted: decision.from - decision.to,
      active: assessment.active,
      alreadyRemoving: nodesBeingRemoved(view, this.id).length,
      policy,
      now,
    });
    const limited = choice.limitedBy ? ` (limited by ${choice.limitedBy})` : "";
    if (choice.nodes.length === 0)
      return [
        {
          pool,
          action: "none",
          reason: `${decision.reason}${limited}`,
          from: decision.from,
          to: decision.from,
        },
      ];
    const event: DecisionFields = {
      pool,
      action: "scale-down",
      reason: `${decision.reason}${limited}`,
      from: decision.from,
      to: decision.from - choice.nodes.length,
      nodes: choice.nodes.map((n) => n.node.id),
      numbers: { ...counts.numbers, allowance: choice.allowance },
    };
    this.lastScaleDown.set(pool, now);
    const removals = await startRemovals(
      { nomad, groups, view, policy, id: this.id, now, dryRun: this.dryRun },
      choice.nodes,
      decision.reason,
    );
    return [event, ...removals];
  }

  private emit(fields: readonly DecisionFields[], now: number): DecisionEvent[] {
    const events = fields.map((f) => decisionEvent(f, now, this.dryRun));
    for (const e of events) this.options.log?.(e);
    return events;
  }
}

/** The pool's counts, for every decision about it. */
function poolNumbers(view: PoolView): Record<string, number> {
  const c = view.byCondition;
  return {
    ready: c.ready.length,
    initializing: c.initializing.length,
    draining: c.draining.length,
    ineligible: c.ineligible.length,
    down: c.down.length,
    launching: view.launching.length,
    notYetCreated: view.notYetCreated,
    lostInstances: view.lostInstances.length,
    nodesWithoutInstance: view.nodesWithoutInstance.length,
  };
}

function unplaceableEvents(plan: PendingPlan): DecisionFields[] {
  return plan.unplaceable.map((u) => ({
    pool: u.work.nodePool,
    action: "unplaceable" as const,
    reason: `${u.count} queued allocation(s) of ${u.work.namespace}/${u.work.jobId} group "${u.work.taskGroup}" can't be placed: ${u.reason}`,
    numbers: { allocations: u.count },
  }));
}
