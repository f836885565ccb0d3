package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// overlayFile is the shape of overlay/{enums,defaults,descriptions}.json:
// type name → field key (HCL name, or API name for apiOnly fields) → value.
// Key "_" is the type's own value (descriptions only). "kinds" holds the same
// for the other file kinds, one type namespace per kind: kind → type → key.
type overlayFile struct {
	Types       map[string]map[string]json.RawMessage            `json:"types"`
	DriverTypes map[string]map[string]json.RawMessage            `json:"driverTypes"`
	Kinds       map[string]map[string]map[string]json.RawMessage `json:"kinds"`
}

// applyOverlays merges the hand-kept overlays into the schema. A key that
// matches no type or field is an error, so the overlays cannot silently rot.
func applyOverlays(fsys fs.FS, s *Schema) error {
	var problems []string
	for _, name := range []string{"enums", "defaults", "descriptions"} {
		data, err := fs.ReadFile(fsys, "overlay/"+name+".json")
		if errors.Is(err, fs.ErrNotExist) || (err == nil && len(bytes.TrimSpace(data)) == 0) {
			continue // descriptions.json is written separately and may not exist yet
		}
		if err != nil {
			return err
		}
		var o overlayFile
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&o); err != nil {
			return fmt.Errorf("overlay/%s.json: %w", name, err)
		}
		type section struct {
			label string
			over  map[string]map[string]json.RawMessage
			types map[string]*StructSchema
		}
		sections := []section{{"types", o.Types, s.Types}, {"driverTypes", o.DriverTypes, s.DriverTypes}}
		for _, kind := range sortedKeys(o.Kinds) {
			k, ok := s.Kinds[kind]
			if !ok {
				problems = append(problems, fmt.Sprintf("overlay/%s.json: kinds.%s: no such kind", name, kind))
				continue
			}
			sections = append(sections, section{"kinds." + kind, o.Kinds[kind], k.Types})
		}
		for _, section := range sections {
			for _, typeName := range sortedKeys(section.over) {
				where := fmt.Sprintf("overlay/%s.json: %s.%s", name, section.label, typeName)
				st, ok := section.types[typeName]
				if !ok {
					problems = append(problems, where+": no such type")
					continue
				}
				for _, key := range sortedKeys(section.over[typeName]) {
					if err := applyOne(name, st, key, section.over[typeName][key]); err != nil {
						problems = append(problems, fmt.Sprintf("%s.%s: %v", where, key, err))
					}
				}
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("overlay keys that match no field:\n  %s", strings.Join(problems, "\n  "))
	}
	return nil
}

func applyOne(overlay string, st *StructSchema, key string, raw json.RawMessage) error {
	if key == "_" {
		if overlay != "descriptions" {
			return errors.New(`"_" is only for descriptions`)
		}
		return json.Unmarshal(raw, &st.Description)
	}
	var field *FieldSchema
	for _, f := range st.Fields {
		if f.overlayKey() == key {
			field = f
			break
		}
	}
	if field == nil {
		return errors.New("no such field")
	}
	switch overlay {
	case "enums":
		return json.Unmarshal(raw, &field.Enum)
	case "defaults":
		v, err := rawJSON(raw)
		field.Default = v
		return err
	default:
		return json.Unmarshal(raw, &field.Description)
	}
}

// rawJSON decodes JSON keeping numbers exact.
func rawJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}
