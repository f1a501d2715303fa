package intel_test

import (
	"context"
	"fmt"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// exampleProvider knows one bad address.
type exampleProvider struct{}

func (exampleProvider) Name() string            { return "example" }
func (exampleProvider) Title() string           { return "Example" }
func (exampleProvider) Configured() bool        { return true }
func (exampleProvider) Accepts(t ioc.Type) bool { return t == ioc.IPv4 }
func (exampleProvider) Lookup(_ context.Context, q intel.Query) (intel.Result, error) {
	if q.Value == "45.9.148.3" {
		return intel.Result{Verdict: intel.Malicious, Summary: "seen in a botnet"}, nil
	}
	return intel.Result{Verdict: intel.Unknown}, nil
}

func ExampleOrchestrator_Enrich() {
	o := intel.NewOrchestrator(intel.Config{}, []intel.Provider{exampleProvider{}}, intel.Options{})
	req := intel.Request{IOCs: []intel.Query{
		{Type: ioc.IPv4, Value: "45.9.148.3"},
		{Type: ioc.IPv4, Value: "192.168.1.10"}, // never leaves the machine
		{Type: ioc.SHA256, Value: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	}}
	sum := o.Enrich(context.Background(), req, func(e intel.Event) {
		if r, ok := e.(*intel.Result); ok {
			fmt.Println(r.IOC.Value, r.Verdict, r.Summary+r.Reason)
		}
	})
	fmt.Println(sum.Verdicts["ipv4:45.9.148.3"])
	// Output:
	// 192.168.1.10 skipped private address
	// e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 skipped type not supported
	// 45.9.148.3 malicious seen in a botnet
	// malicious
}
