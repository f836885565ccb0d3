// The HCL2 native-syntax grammar as a chevrotain CST parser. It only recognises; cst-to-ast turns
// the CST into our AST. Notes that shape it:
//   - Newlines are tokens, but the parser never sees those inside `( )`, `[ ]`, `${ }`, `%{ }` or
//     `{ for … }` (newline-filter.ts drops them), exactly where hclsyntax ignores them.
//   - Binary operators are read flat (`a op b op c`); precedence is applied when building the AST.
//     Like inlining the term alternatives into unaryExpr, this keeps the CST shallow: the CST is
//     thrown away after building the AST, and on big files its size is what costs (GC).
//   - Keywords (`for`, `in`, `if`, `true`, …) are identifiers, recognised by their text with gates,
//     because HCL lets them be used as names elsewhere.
//   - Recovery is on: a rule that fails hands back what it had, which is how half-written blocks
//     still reach the AST.
import { CstParser, EOF, type IOrAlt, type IToken, type OrMethodOpts } from "chevrotain";
import {
  allTokens,
  Bang,
  BinaryOperator,
  Colon,
  Comma,
  ControlStart,
  Dot,
  DoubleColon,
  Ellipsis,
  Equals,
  FatArrow,
  HeredocEnd,
  HeredocLiteral,
  HeredocStart,
  Identifier,
  InterpStart,
  LBrace,
  LBracket,
  LParen,
  Minus,
  Newline,
  NumberLit,
  Question,
  Quote,
  QuotedLiteral,
  QuoteEnd,
  RBrace,
  RBracket,
  RParen,
  Star,
  StripRBrace,
} from "./tokens.js";

const isKeyword = (token: IToken, word: string) => token.tokenType === Identifier && token.image === word;

export class HclGrammar extends CstParser {
  // Alternatives are built once, not on every rule call (chevrotain's advice for speed).
  private readonly bodyEntryAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = [
    { ALT: () => this.CONSUME(Newline, { LABEL: "newline" }) },
    { ALT: () => this.SUBRULE(this.bodyItem, { LABEL: "item" }) },
    // HCL1 separates items with commas too; in hcl2 the AST builder reports them.
    { ALT: () => this.CONSUME(Comma, { LABEL: "comma" }) },
  ];
  private readonly itemNameAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = [
    { ALT: () => this.CONSUME(Identifier, { LABEL: "name" }) },
    { ALT: () => this.SUBRULE(this.quotedTemplate, { LABEL: "quotedName" }) },
  ];
  private readonly itemRestAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = [
    {
      ALT: () => {
        this.CONSUME(Equals);
        this.SUBRULE(this.expression, { LABEL: "value" });
      },
    },
    {
      ALT: () => {
        this.MANY(() => {
          this.OR3([
            { ALT: () => this.SUBRULE2(this.quotedTemplate, { LABEL: "label" }) },
            { ALT: () => this.CONSUME2(Identifier, { LABEL: "label" }) },
          ]);
        });
        this.CONSUME(LBrace);
        this.SUBRULE(this.body);
        this.CONSUME(RBrace);
      },
    },
  ];
  private readonly prefixOperatorAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = [
    { ALT: () => this.CONSUME(Minus, { LABEL: "prefix" }) },
    { ALT: () => this.CONSUME(Bang, { LABEL: "prefix" }) },
  ];
  private readonly postfixStepAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = [
    {
      ALT: () => {
        this.CONSUME(Dot);
        this.OR2([
          { ALT: () => this.CONSUME(Identifier, { LABEL: "attr" }) },
          { ALT: () => this.CONSUME(NumberLit, { LABEL: "legacyIndex" }) },
          { ALT: () => this.CONSUME(Star, { LABEL: "attrSplat" }) },
        ]);
      },
    },
    {
      ALT: () => {
        this.CONSUME(LBracket);
        this.OR3([
          { ALT: () => this.CONSUME2(Star, { LABEL: "fullSplat" }) },
          { ALT: () => this.SUBRULE(this.expression, { LABEL: "key" }) },
        ]);
        this.CONSUME(RBracket);
      },
    },
  ];
  private readonly primaryTermAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = [
    { ALT: () => this.CONSUME(NumberLit, { LABEL: "number" }) },
    {
      // A variable (`var`, `true`, `null`…) or a call `name(args…)`, possibly namespaced `ns::name(…)`.
      ALT: () => {
        this.CONSUME(Identifier, { LABEL: "name" });
        this.OPTION(() => {
          // (DSL indices here must not clash with unaryExpr's own MANY/MANY2 and CONSUMEs.)
          this.MANY3(() => {
            this.CONSUME(DoubleColon);
            this.CONSUME2(Identifier, { LABEL: "name" });
          });
          this.CONSUME(LParen);
          this.OPTION2(() => {
            this.SUBRULE(this.expression, { LABEL: "arg" });
            this.MANY4(() => {
              this.CONSUME(Comma);
              this.OPTION3(() => this.SUBRULE2(this.expression, { LABEL: "arg" }));
            });
            this.OPTION4(() => this.CONSUME(Ellipsis));
          });
          this.CONSUME(RParen);
        });
      },
    },
    { ALT: () => this.SUBRULE(this.quotedTemplate) },
    { ALT: () => this.SUBRULE(this.heredocTemplate) },
    { ALT: () => this.SUBRULE(this.tuple) },
    { ALT: () => this.SUBRULE(this.object) },
    {
      ALT: () => {
        this.CONSUME2(LParen, { LABEL: "openParen" });
        this.SUBRULE3(this.expression, { LABEL: "parens" });
        this.CONSUME2(RParen, { LABEL: "closeParen" });
      },
    },
  ];
  private readonly tupleContentAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      { GATE: () => isKeyword(this.LA(1), "for"), ALT: () => this.SUBRULE(this.forExpr) },
      {
        ALT: () => {
          this.OPTION(() => {
            this.SUBRULE(this.expression, { LABEL: "item" });
            this.MANY(() => {
              this.CONSUME(Comma);
              this.OPTION2(() => this.SUBRULE2(this.expression, { LABEL: "item" }));
            });
          });
        },
      },
    ],
  };
  private readonly objectContentAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      { GATE: () => isKeyword(this.LA(1), "for"), ALT: () => this.SUBRULE(this.forExpr) },
      {
        ALT: () => {
          this.MANY(() => {
            this.OR2([
              { ALT: () => this.CONSUME(Newline) },
              { ALT: () => this.CONSUME(Comma) },
              { ALT: () => this.SUBRULE(this.objectItem, { LABEL: "item" }) },
            ]);
          });
        },
      },
    ],
  };
  private readonly objectSeparatorAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = [
    { ALT: () => this.CONSUME(Equals, { LABEL: "separator" }) },
    { ALT: () => this.CONSUME(Colon, { LABEL: "separator" }) },
  ];
  private readonly objectValueAlternatives: IOrAlt<unknown>[] = [
    {
      ALT: () => {
        this.OR2(this.objectSeparatorAlternatives);
        this.SUBRULE2(this.expression, { LABEL: "value" });
      },
    },
    // HCL1's `key { … }` inside an object means `key = { … }`; in hcl2 the AST builder reports it.
    { ALT: () => this.SUBRULE(this.object, { LABEL: "nestedObject" }) },
  ];
  private readonly templatePartAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = [
    { ALT: () => this.CONSUME(QuotedLiteral, { LABEL: "part" }) },
    { ALT: () => this.CONSUME(HeredocLiteral, { LABEL: "part" }) },
    { ALT: () => this.SUBRULE(this.interpolation, { LABEL: "part" }) },
    { ALT: () => this.SUBRULE(this.directive, { LABEL: "part" }) },
  ];
  private readonly directiveFormAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        GATE: () => isKeyword(this.LA(1), "for"),
        ALT: () => {
          this.CONSUME(Identifier, { LABEL: "keyword" });
          this.CONSUME2(Identifier, { LABEL: "var" });
          this.OPTION(() => {
            this.CONSUME(Comma);
            this.CONSUME3(Identifier, { LABEL: "var" });
          });
          this.CONSUME4(Identifier, { LABEL: "inKeyword" });
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME5(Identifier, { LABEL: "keyword" });
          this.OPTION2(() => this.SUBRULE2(this.expression));
        },
      },
    ],
  };
  private readonly sequenceEndAlternatives: IOrAlt<unknown>[] | OrMethodOpts<unknown> = [
    { ALT: () => this.CONSUME(RBrace, { LABEL: "close" }) },
    { ALT: () => this.CONSUME(StripRBrace, { LABEL: "close" }) },
  ];

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: "none" });
    this.performSelfAnalysis();
  }

  public configFile = this.RULE("configFile", () => {
    this.SUBRULE(this.body);
    // Anything left (a stray `}`) is reported by the parser driver, not swallowed here.
  });

  public body = this.RULE("body", () => {
    this.MANY(() => {
      this.OR(this.bodyEntryAlternatives);
    });
  });

  /** An argument (`name = value`) or a block (`type "label" { … }`); HCL1 also allows a quoted name. */
  public bodyItem = this.RULE("bodyItem", () => {
    this.OR(this.itemNameAlternatives);
    this.OR2(this.itemRestAlternatives);
  });

  /** `a op b op c … [? x : y]`: operators are read flat; precedence is applied when building the AST. */
  public expression = this.RULE("expression", () => {
    this.SUBRULE(this.unaryExpr, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(BinaryOperator, { LABEL: "operator" });
      this.SUBRULE2(this.unaryExpr, { LABEL: "operand" });
    });
    this.OPTION(() => {
      this.CONSUME(Question);
      this.SUBRULE(this.expression, { LABEL: "trueExpr" });
      this.CONSUME(Colon);
      this.SUBRULE2(this.expression, { LABEL: "falseExpr" });
    });
  });

  /** Prefix operators, one term (primary expression), then postfix steps; all in one CST node. */
  public unaryExpr = this.RULE("unaryExpr", () => {
    this.MANY(() => {
      this.OR(this.prefixOperatorAlternatives);
    });
    this.OR2(this.primaryTermAlternatives);
    this.MANY2(() => this.SUBRULE(this.postfix, { LABEL: "step" }));
  });

  /** `.name`, `.0` (legacy index), `.*`, `[key]` or `[*]` after an expression. */
  public postfix = this.RULE("postfix", () => {
    this.OR(this.postfixStepAlternatives);
  });

  public tuple = this.RULE("tuple", () => {
    this.CONSUME(LBracket);
    this.OR(this.tupleContentAlternatives);
    this.CONSUME(RBracket);
  });

  public object = this.RULE("object", () => {
    this.CONSUME(LBrace);
    this.OR(this.objectContentAlternatives);
    this.CONSUME(RBrace);
  });

  public objectItem = this.RULE("objectItem", () => {
    this.SUBRULE(this.expression, { LABEL: "key" });
    this.OR(this.objectValueAlternatives);
  });

  /** The inside of `[for …]` or `{for …}`: `for k, v in coll : [key =>] value [...] [if cond]`. */
  public forExpr = this.RULE("forExpr", () => {
    this.CONSUME(Identifier, { LABEL: "forKeyword" });
    this.CONSUME2(Identifier, { LABEL: "var" });
    this.OPTION(() => {
      this.CONSUME(Comma);
      this.CONSUME3(Identifier, { LABEL: "var" });
    });
    this.CONSUME4(Identifier, { LABEL: "inKeyword" });
    this.SUBRULE(this.expression, { LABEL: "collection" });
    this.CONSUME(Colon);
    this.SUBRULE2(this.expression, { LABEL: "first" });
    this.OPTION2(() => {
      this.CONSUME(FatArrow);
      this.SUBRULE3(this.expression, { LABEL: "second" });
    });
    this.OPTION3(() => this.CONSUME(Ellipsis, { LABEL: "grouping" }));
    this.OPTION4({
      GATE: () => isKeyword(this.LA(1), "if"),
      DEF: () => {
        this.CONSUME5(Identifier, { LABEL: "ifKeyword" });
        this.SUBRULE4(this.expression, { LABEL: "condition" });
      },
    });
  });

  public quotedTemplate = this.RULE("quotedTemplate", () => {
    this.CONSUME(Quote);
    this.MANY(() => this.OR(this.templatePartAlternatives));
    this.CONSUME(QuoteEnd);
  });

  public heredocTemplate = this.RULE("heredocTemplate", () => {
    this.CONSUME(HeredocStart);
    this.MANY(() => this.OR(this.templatePartAlternatives));
    this.CONSUME(HeredocEnd);
  });

  public interpolation = this.RULE("interpolation", () => {
    this.CONSUME(InterpStart);
    this.SUBRULE(this.expression);
    this.OR(this.sequenceEndAlternatives);
  });

  /** `%{ if c }`, `%{ else }`, `%{ endif }`, `%{ for k, v in coll }`, `%{ endfor }`. */
  public directive = this.RULE("directive", () => {
    this.CONSUME(ControlStart);
    this.OR(this.directiveFormAlternatives);
    this.OR2(this.sequenceEndAlternatives);
  });
}

/** Built once: chevrotain's grammar analysis is the slow part. Reset per parse with `input =`. */
export const grammar = new HclGrammar();
export { EOF };
