// Typed reads of chevrotain's CST children, and what every AST builder shares.
import type { CstElement, CstNode, IToken } from "chevrotain";
import type { Range } from "./ast.js";
import { diagnostic, type HclDiagnostic } from "./diagnostics.js";
import type { SourcePositions } from "./source-positions.js";

export interface BuildContext {
  positions: SourcePositions;
  errors: HclDiagnostic[];
  mode: "hcl2" | "hcl1";
}

export function nodes(node: CstNode, key: string): CstNode[] {
  return (node.children[key] ?? []) as CstNode[];
}

export function node(node: CstNode, key: string): CstNode | undefined {
  return node.children[key]?.[0] as CstNode | undefined;
}

/** Tokens under `key`, without the ones recovery invented (they have no place in the source). */
export function tokens(node: CstNode, key: string): IToken[] {
  const list = (node.children[key] ?? []) as IToken[];
  return list.some(isInvented) ? list.filter((t) => !isInvented(t)) : list;
}

export function token(node: CstNode, key: string): IToken | undefined {
  return tokens(node, key)[0];
}

export function isInvented(token: IToken): boolean {
  return token.isInsertedInRecovery === true || Number.isNaN(token.startOffset);
}

export function isToken(element: CstElement): element is IToken {
  return "image" in element;
}

export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

type Placeable = IToken | { range?: Range | undefined } | undefined;

/**
 * The range from `start` to the furthest end among `parts` (tokens or built nodes; recovery may
 * have left some out). Builders place nodes this way instead of using chevrotain's node location
 * tracking, which costs more than the rest of the parse together.
 */
export function spanFrom(ctx: BuildContext, start: number, ...parts: Placeable[]): Range {
  let end = start;
  for (const part of parts) {
    const partEnd = endOffsetOf(part);
    if (partEnd !== undefined && partEnd > end) end = partEnd;
  }
  return ctx.positions.range(start, end);
}

function endOffsetOf(part: Placeable): number | undefined {
  if (part === undefined) return undefined;
  if ("image" in part) return isInvented(part) ? undefined : tokenEnd(part);
  return part.range?.end.offset;
}

export function tokenRangeOf(ctx: BuildContext, t: IToken): Range {
  return ctx.positions.range(t.startOffset, tokenEnd(t));
}

export function report(ctx: BuildContext, message: string, range: Range): void {
  ctx.errors.push(diagnostic(message, range));
}
