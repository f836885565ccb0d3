// `nomadkit/fileKind`: which kind of Nomad file a text is, detected exactly as `nomadkit lint`
// detects it (the `# nomadkit: kind=…` comment, else the content, else the name as a hint).
// The extension asks it for every `.hcl` it opens, before the file has a Nomad language.
import { detectFileKind, type FileKind } from "nomadkit/analysis";
import { parse } from "nomadkit/hcl";

export const FILE_KIND_REQUEST = "nomadkit/fileKind";

export interface FileKindParams {
  uri: string;
  text: string;
}

export function fileKindOf({ uri, text }: FileKindParams): { kind: FileKind } {
  // As the analysis does: HCL2 first, as most files are jobs; HCL1 files still read at the top level.
  return { kind: detectFileKind(uri, text, parse(text, { mode: "hcl2" }).file) };
}
