// The layer check `npm test` runs (`npm run layers`). Imports point down only:
//   sdk/src: schema → hcl → jobspec → rules → constructs → synth → importer → api → analysis → deploy → cli
//   packages: language-server → sdk, extension → language-server + sdk, provisioners → sdk
//   provisioners/src: agent → cloud → aws | gcp | autoscaler → cli (each cloud and the
//   autoscaler know only agent/ and cloud/; cli/ wires them together)
// and nothing imports test/, bench/ or examples/. Each layer may import the ones before it.
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

const upward = SDK_LAYERS.slice(0, -1).map((layer, i) => ({
  name: `sdk-${layer}-imports-upward`,
  comment: `sdk/src/${layer} sits below ${SDK_LAYERS.slice(i + 1).join(", ")} and the package entry points`,
  severity: "error",
  from: { path: `^sdk/src/${layer}/` },
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
  from: { path: `^provisioners/src/${folder}/` },
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
  from: { path: `^${pkg}/` },
  to: { path: `^(${ALL.filter((p) => p !== pkg && !allowed.includes(p)).join("|")}|test|bench|examples)/` },
}));

module.exports = {
  forbidden: [
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
      from: { path: "^(language-server|extension|provisioners)/src/[^/]+/" },
      to: { path: "^$1/src/[^/]+\\.ts$" },
    },
    {
      name: "language-server-protocol-imports-features",
      severity: "error",
      from: { path: "^language-server/src/protocol/" },
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
    exclude: { path: "(^|/)(dist|node_modules)/|\\.test\\.ts$" },
    tsPreCompilationDeps: true,
    // Workspace packages resolve to their TypeScript sources, like the tests do.
    enhancedResolveOptions: {
      conditionNames: ["source", "import", "node", "default"],
      exportsFields: ["exports"],
      extensions: [".ts", ".js", ".json"],
    },
  },
};
