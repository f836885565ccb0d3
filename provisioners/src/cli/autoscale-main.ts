// `nomadkit-autoscale …`, also run as `nomadkit autoscale …` (the sdk's CLI hands commands it
// doesn't have to `nomadkit-<command>` programs).
import { autoscaleCommand } from "./autoscale-command.js";

await autoscaleCommand().name("nomadkit autoscale").showHelpAfterError().parseAsync();
