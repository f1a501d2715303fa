package intel

import "testing"

func TestConsolidate(t *testing.T) {
	benign := map[string]any{DetailBenignService: true}
	r := func(v Verdict) Result { return Result{Verdict: v} }
	rb := func(v Verdict) Result { return Result{Verdict: v, Details: benign} }
	tests := []struct {
		name string
		in   []Result
		want Verdict
	}{
		{"nothing asked", nil, Skipped},
		{"all skipped", []Result{r(Skipped), r(Skipped)}, Skipped},
		{"all failed", []Result{r(Error), r(Skipped)}, Error},
		{"unknown beats errors", []Result{r(Error), r(Unknown)}, Unknown},
		{"harmless beats unknown", []Result{r(Unknown), r(Harmless)}, Harmless},
		{"suspicious beats harmless", []Result{r(Harmless), r(Suspicious)}, Suspicious},
		{"malicious beats all", []Result{r(Harmless), r(Suspicious), r(Malicious), r(Error)}, Malicious},
		{"one malicious against harmless", []Result{r(Harmless), r(Harmless), r(Malicious)}, Malicious},
		{"benign service lowers suspicious", []Result{r(Suspicious), rb(Harmless)}, Harmless},
		{"benign flag on the suspicious answer itself", []Result{rb(Suspicious)}, Harmless},
		{"benign service never lowers malicious", []Result{r(Malicious), rb(Harmless)}, Malicious},
		{"benign flag from a failed lookup counts for nothing", []Result{r(Suspicious), rb(Error)}, Suspicious},
		{"benign flag that is not true", []Result{r(Suspicious), {Verdict: Harmless, Details: map[string]any{DetailBenignService: "yes"}}}, Suspicious},
	}
	for _, tt := range tests {
		if got := Consolidate(tt.in); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}
