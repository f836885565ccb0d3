package main

// applyCheckedKeys makes a struct's fields the decoder's key list: keys the
// struct lacks become attributes (typed by the kind's shorthand types, else
// string), and a struct field the decoder would reject fails the run.
func applyCheckedKeys(s *StructSchema, keys []string, types map[string]*TypeRef, where string) {
	have := map[string]bool{}
	for _, f := range s.Fields {
		if f.HCL != "" {
			have[f.HCL] = true
		}
	}
	valid := map[string]bool{}
	for _, k := range keys {
		valid[k] = true
		if have[k] {
			continue
		}
		t := types[k]
		if t == nil {
			t = scalar("string")
		}
		s.Fields = append(s.Fields, &FieldSchema{HCL: k, Kind: "attribute", Type: t})
	}
	for k := range have {
		if !valid[k] {
			fail("%s: %s.%s is not among the keys the decoder accepts", where, s.Name, k)
		}
	}
}
