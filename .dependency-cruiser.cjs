// The layer check `npm test` runs (`npm run layers`). Imports point down only:
//   sdk/src: schema → hcl → jobspec → rules → constructs → synth → importer → api → analysis → deploy → cli
//   packages: language-server → sdk, extension → language-server + sdk, provisioners → sdk
//   provisioners/src: agent → cloud → aws | gcp | autoscaler → cli (each cloud and the
//   autoscaler know only agent/ and cloud/; cli/ wires them together)
// and nothing imports test/, bench/ or examples/; the product packages don't import dev/
// (@nomadkit/dev: the corpus and a dev agent for the benches and tests). Each layer may
// import the ones before it. Unit tests (*.test.ts) are cruised too, for two rules only:
// nothing under a package, bench/ or dev/ imports test/ (a unit test that needs the
// real-agent harness lives in test/), and every import of another workspace package is
// declared in the importing package's package.json.
// A folder-level order makes folder cycles impossible, which module-level cycle checks
// alone would not catch (a → b/x, b/y → a is no module cycle but is a folder cycle).

const SDK_LAYERS = [
  "schema",
  "hcl",
  "jobspec",
  "rules",
  "constructs",
  "synth",
  "importer",
  "api",
  "analysis",
  "deploy",
  "cli",
];

const { readFileSync } = require("node:fs");
const { join } = require("node:path");

// Layer rules are about the product code; a unit test may reach across its package's layers.
const NOT_A_TEST = "\\.test\\.ts$";

const upward = SDK_LAYERS.slice(0, -1).map((layer, i) => ({
  name: `sdk-${layer}-imports-upward`,
  comment: `sdk/src/${layer} sits below ${SDK_LAYERS.slice(i + 1).join(", ")} and the package entry points`,
  severity: "error",
  from: { path: `^sdk/src/${layer}/`, pathNot: NOT_A_TEST },
  to: { path: `^sdk/src/(${SDK_LAYERS.slice(i + 1).join("|")})/|^sdk/src/[^/]+\\.ts$` },
}));

// Packages: which workspace folders each may import.
const PACKAGES = {
  sdk: [],
  "language-server": ["sdk"],
  extension: ["language-server", "sdk"],
  provisioners: ["sdk"],
};
const ALL = Object.keys(PACKAGES);

// Provisioner folders: what each may import besides itself.
const PROVISIONER_FOLDERS = {
  agent: [],
  cloud: ["agent"],
  aws: ["agent", "cloud"],
  gcp: ["agent", "cloud"],
  autoscaler: ["cloud"],
  cli: ["agent", "cloud", "aws", "gcp", "autoscaler"],
};
const provisionerRules = Object.entries(PROVISIONER_FOLDERS).map(([folder, allowed]) => ({
  name: `provisioners-${folder}-imports-beyond-its-layer`,
  comment: `provisioners/src/${folder} may import only ${allowed.length ? allowed.join(", ") : "itself"} (and other packages)`,
  severity: "error",
  from: { path: `^provisioners/src/${folder}/`, pathNot: NOT_A_TEST },
  to: {
    path: `^provisioners/src/(${Object.keys(PROVISIONER_FOLDERS)
      .filter((f) => f !== folder && !allowed.includes(f))
      .join("|")})/`,
  },
}));
const packageRules = Object.entries(PACKAGES).map(([pkg, allowed]) => ({
  name: `${pkg}-imports-another-package`,
  comment: `${pkg} may import only ${allowed.length ? allowed.join(", ") : "itself"}`,
  severity: "error",
  from: { path: `^${pkg}/`, pathNot: NOT_A_TEST },
  to: {
    path: `^(${ALL.filter((p) => p !== pkg && !allowed.includes(p)).join("|")}|test|bench|examples|dev)/`,
  },
}));

// Nothing under a package, bench/ or examples/ imports test/, tests included: the harness
// (real agents, the oracle) belongs to the cross-package tests.
const noTestImports = {
  name: "imports-test",
  comment:
    "test/ is the top of the tree: a unit test that needs the harness moves to test/, and what " +
    "both need moves into the package that owns it",
  severity: "error",
  from: { path: "^(sdk|language-server|extension|provisioners|bench|examples|dev)/" },
  to: { path: "^test/" },
};

// Every import of another workspace package is declared in the importer's package.json.
// The workspace packages resolve to their sources (sdk/src/…), so depcruise's own npm checks
// can't see them; the rule is built from the package.json files instead.
const WORKSPACE_FOLDERS = ["sdk", "language-server", "extension", "provisioners", "bench", "examples", "dev"];
// The package.json files are read from the folder depcruise runs in (the repo root for
// `npm run layers`; a scratch tree in test/layers.test.ts).
const manifest = (folder) => {
  try {
    return JSON.parse(readFileSync(join(process.cwd(), folder, "package.json"), "utf8"));
  } catch {
    return undefined;
  }
};
const manifests = Object.fromEntries(WORKSPACE_FOLDERS.map((f) => [f, manifest(f)]).filter(([, m]) => m));
const nameOf = Object.fromEntries(Object.entries(manifests).map(([f, m]) => [f, m.name]));
const undeclaredRules = Object.entries(manifests).flatMap(([folder, m]) => {
  const declared = new Set(
    ["dependencies", "devDependencies", "peerDependencies"].flatMap((k) => Object.keys(m[k] ?? {})),
  );
  const undeclared = Object.keys(manifests).filter((f) => f !== folder && !declared.has(nameOf[f]));
  if (undeclared.length === 0) return [];
  return [
    {
      name: `${folder}-imports-an-undeclared-package`,
      comment: `${folder}/package.json declares none of ${undeclared.map((f) => nameOf[f]).join(", ")}`,
      severity: "error",
      from: { path: `^${folder}/` },
      to: { path: `^(${undeclared.join("|")})/` },
    },
  ];
});

module.exports = {
  forbidden: [
    noTestImports,
    ...undeclaredRules,
    {
      name: "no-non-package-json",
      comment: "an npm package imported without being declared in a package.json up the tree",
      severity: "error",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    ...upward,
    ...packageRules,
    ...provisionerRules,
    {
      name: "subfolder-imports-package-root",
      comment:
        "a package's src/ root wires its subfolders (the server, the extension entry, the index); " +
        "a subfolder importing a root file makes the two folders one tangle, which the folder " +
        "cycle rule does not see because a folder contains its subfolders",
      severity: "error",
      from: { path: "^(language-server|extension|provisioners)/src/[^/]+/", pathNot: NOT_A_TEST },
      to: { path: "^$1/src/[^/]+\\.ts$" },
    },
    {
      name: "language-server-protocol-imports-features",
      severity: "error",
      from: { path: "^language-server/src/protocol/", pathNot: NOT_A_TEST },
      to: { path: "^language-server/src/features/" },
    },
    {
      name: "no-folder-cycles",
      comment: "folders are layers: two folders that import each other are one tangled layer",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    // Workspace packages resolve to their TypeScript sources, like the tests do.
    enhancedResolveOptions: {
      conditionNames: ["source", "import", "node", "default"],
      exportsFields: ["exports"],
      extensions: [".ts", ".js", ".json"],
    },
  },
};
