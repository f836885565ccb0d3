package main

// The API objects nomadkit's HTTP client reads (sdk/src/api): responses of the
// endpoints it calls. Their TypeScript interfaces are generated from this list
// (sdk/tools/gen-api-types.ts), so the client keeps no hand-written copy.
var apiObjectRoots = []string{
	"ACLPolicy", "ACLToken",
	"AllocatedResources", "Allocation", "AllocationListStub",
	"CSIVolume", "CSIVolumeListStub",
	"Deployment", "DeploymentState", "DeploymentUpdateResponse",
	"DrainSpec", "Evaluation", "Event", "Events",
	"HostVolume", "HostVolumeStub",
	"Job", "JobDeregisterResponse", "JobListStub", "JobPlanResponse", "JobRegisterResponse",
	"JobSubmission", "JobSummary", "JobValidateResponse", "JobVersionsResponse",
	"Namespace", "Node", "NodeDrainUpdateResponse", "NodeEligibilityUpdateResponse",
	"NodeListStub", "NodePool", "NodeResources", "PlanAnnotations",
	"Resources", "TaskEvent", "TaskState", "Variable", "VariableMetadata",
}

// apiObjects returns the structs reachable from apiObjectRoots that `types`
// lacks (types already holds Job and everything a jobspec reaches), so refs
// resolve in types ∪ apiObjects without a second copy.
func apiObjects(p *apiPackage, types map[string]*StructSchema) *APIObjects {
	out := map[string]*StructSchema{}
	seen := map[string]bool{}
	queue := append([]string{}, apiObjectRoots...)
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		if s, ok := types[name]; ok {
			for _, f := range s.Fields {
				queue = append(queue, refs(f.Type)...)
			}
			continue
		}
		st := p.structType(name)
		if st == nil {
			fail("api object %s is not a struct in the api module", name)
		}
		s := &StructSchema{Name: name, Fields: []*FieldSchema{}}
		for _, nf := range p.structFields(st) {
			f := p.field(nf)
			s.Fields = append(s.Fields, f)
			queue = append(queue, refs(f.Type)...)
		}
		out[name] = s
	}
	return &APIObjects{Roots: apiObjectRoots, Types: out}
}
