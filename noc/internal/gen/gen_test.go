package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A small set of published files in the official layouts: BOM, codes
// that lost their leading zeros, an exclusion naming another code, a
// duplicate title, OaSIS titles the elements file has and lacks, a split
// 2016 code with and without a "continues as" note.
var sample = map[string]string{
	Files.Structure: "\ufeffLevel,Hierarchical structure,Code - NOC 2021 V1.0,Class title,Class definition\n" +
		"1,Broad Category,0,Management occupations,Managers manage.\n" +
		"5,Unit Group,00010,Legislators,\"Legislators legislate in assemblies, councils and assemblies.\"\n" +
		"5,Unit Group,00011,Senior managers,Senior managers direct.\n",
	Files.Elements: "\ufeffLevel,Code - NOC 2021 V1.0,Class title,Element Type Label English,Element Description English\n" +
		"5,10,Legislators,All examples,\"member of parliament (MP) \"\n" +
		"5,10,Legislators,All examples,Member of Parliament (MP)\n" +
		"5,10,Legislators,Illustrative example(s),senator - federal\n" +
		"5,10,Legislators,Exclusion(s),Deputy minister  (See 00011 Senior managers)\n" +
		"5,10,Legislators,Main duties,Debate and vote on bills\n",
	Files.Concordance: "\ufeffNOC 2016 V1.3 Code,NOC 2016 V1.3 Title, GSIM Type of Change,NOC 2021 V1.0 Code,NOC 2021 V1.0 Title,Notes\n" +
		"11,Legislators,VC1,10,Legislators,\n" +
		"12,Senior government managers,RC5,10,Legislators,0012 continues as 11 and part transferred to 10\n" +
		"12,Senior government managers,RC5,11,Senior managers,0012 continues as 11 and part transferred to 10\n" +
		"13,Senior managers of assemblies,RC4.1,10,Legislators,expired\n" +
		"13,Senior managers of assemblies,RC4.1,11,Senior managers,expired\n",
	Files.OaSISTitles: "\ufeffOaSIS profile code,Concordance number,Job title type,Job title text\n" +
		"00010.00,1,Example,Member of Parliament (MP)\n00010.00,2,Index,member of the legislative assembly – provincial\n",
	Files.OaSISLabels: "\ufeffOaSIS profile code,Label\n00010.00,Legislators\n00011.01,Deputy heads\n",
	Files.OaSISLead:   "\ufeffOaSIS profile code,Lead statement\n00011.00,Senior managers direct departments.\n",
}

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	for name, data := range sample {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := Generate(dir, &b); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	got = got[strings.Index(got, "C|"):]
	want := "C|0|Management occupations\n" +
		"C|00010|Legislators\n" +
		"e|member of parliament (MP)\n" +
		"e|senator - federal\n" +
		"o|member of the legislative assembly - provincial\n" +
		"w|assemblies:2 bills councils debate legislate legislators vote\n" +
		"C|00011|Senior managers\n" +
		"x|Deputy minister\n" +
		"o|Deputy heads\n" +
		"w|departments direct:2 managers:2 senior:2\n" +
		"c|0011|00010\n" +
		"c|0012|00011,00010\n" +
		"c|0013|00011,00010\n"
	if got != want {
		t.Errorf("generated\n%s\nwant\n%s", got, want)
	}
	if err := os.WriteFile(filepath.Join(dir, Files.Elements), []byte("Level,Code,Title,Type,Description\n5,99999,X,All examples,x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Generate(dir, &b); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("an unknown code: %v, want an error naming the line", err)
	}
}
