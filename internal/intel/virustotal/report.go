package virustotal

import (
	"fmt"
	"regexp"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// Verdict thresholds, in engines of the latest analysis.
const (
	// MaliciousEngines engines saying malicious make the verdict malicious:
	// one or two alone are too often a single vendor's false positive.
	MaliciousEngines = 3
	// SuspiciousEngines engines saying malicious or suspicious make the
	// verdict at least suspicious.
	SuspiciousEngines = 1
)

// maxTags bounds the tags copied into Details.
const maxTags = 10

// report is the part of an object VirusTotal returns that the verdict and
// the analyst need; the four object types share most of it.
type report struct {
	Data *struct {
		ID         string      `json:"id"`
		Attributes *attributes `json:"attributes"`
	} `json:"data"`
}

type attributes struct {
	Stats            map[string]int `json:"last_analysis_stats"`
	LastAnalysisDate int64          `json:"last_analysis_date"`
	Reputation       int            `json:"reputation"`
	Tags             []string       `json:"tags"`

	// files
	TypeDescription string `json:"type_description"`
	MeaningfulName  string `json:"meaningful_name"`
	PopularThreat   *struct {
		Label string `json:"suggested_threat_label"`
	} `json:"popular_threat_classification"`

	// IP addresses
	ASOwner string `json:"as_owner"`
	ASN     int    `json:"asn"`
	Country string `json:"country"`

	// domains
	Registrar string `json:"registrar"`
}

// sha256Hex is the shape of the object ids VirusTotal gives files and URLs.
var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

func parseReport(q intel.Query, tgt target, resp *intel.Response) (intel.Result, error) {
	var r report
	if err := intel.DecodeJSON(resp, &r); err != nil {
		return intel.Result{}, err
	}
	if r.Data == nil || r.Data.Attributes == nil {
		return intel.Result{}, intel.Malformed(resp, "data.attributes")
	}
	a := r.Data.Attributes
	c := countsOf(a.Stats)
	res := intel.Result{
		Kind:     "result",
		IOC:      q,
		Provider: Name,
		Verdict:  c.verdict(),
		Summary:  c.summary(),
		Link:     tgt.gui,
		Details:  details(q.Type, a, c),
	}
	if label := threatLabel(a); label != "" {
		res.Summary += "; " + label
	}
	// The SHA-256 id VirusTotal answers with names the object's page
	// exactly; anything else it says is not trusted into a link.
	if (q.Type == ioc.URL || q.Type == ioc.MD5 || q.Type == ioc.SHA1) && sha256Hex.MatchString(r.Data.ID) {
		kind := "/file/"
		if q.Type == ioc.URL {
			kind = "/url/"
		}
		res.Link = guiBase + kind + r.Data.ID
	}
	return res, nil
}

// counts are the engines' judgements in the latest analysis.
type counts struct {
	malicious, suspicious, harmless, undetected int
}

func countsOf(stats map[string]int) counts {
	return counts{
		malicious:  max(stats["malicious"], 0),
		suspicious: max(stats["suspicious"], 0),
		harmless:   max(stats["harmless"], 0),
		undetected: max(stats["undetected"], 0),
	}
}

// engines is how many engines gave a judgement.
func (c counts) engines() int { return c.malicious + c.suspicious + c.harmless + c.undetected }

func (c counts) verdict() intel.Verdict {
	switch {
	case c.malicious >= MaliciousEngines:
		return intel.Malicious
	case c.malicious+c.suspicious >= SuspiciousEngines:
		return intel.Suspicious
	case c.engines() > 0:
		return intel.Harmless
	}
	return intel.Unknown
}

func (c counts) summary() string {
	if c.engines() == 0 {
		return "no analysis yet"
	}
	s := fmt.Sprintf("%d/%d engines flag it malicious", c.malicious, c.engines())
	if c.suspicious > 0 {
		s += fmt.Sprintf(", %d suspicious", c.suspicious)
	}
	return s
}

func threatLabel(a *attributes) string {
	if a.PopularThreat == nil {
		return ""
	}
	return a.PopularThreat.Label
}

func details(t ioc.Type, a *attributes, c counts) map[string]any {
	d := map[string]any{
		"malicious":  c.malicious,
		"suspicious": c.suspicious,
		"harmless":   c.harmless,
		"undetected": c.undetected,
		"reputation": a.Reputation,
	}
	if a.LastAnalysisDate > 0 {
		d["last_analysis"] = time.Unix(a.LastAnalysisDate, 0).UTC().Format(time.RFC3339)
	}
	if len(a.Tags) > 0 {
		d["tags"] = a.Tags[:min(len(a.Tags), maxTags)]
	}
	setIf := func(k, v string) {
		if v != "" {
			d[k] = v
		}
	}
	switch t {
	case ioc.MD5, ioc.SHA1, ioc.SHA256:
		setIf("threat_label", threatLabel(a))
		setIf("file_type", a.TypeDescription)
		setIf("file_name", a.MeaningfulName)
	case ioc.IPv4, ioc.IPv6:
		setIf("as_owner", a.ASOwner)
		setIf("country", a.Country)
		if a.ASN > 0 {
			d["asn"] = a.ASN
		}
	case ioc.Domain:
		setIf("registrar", a.Registrar)
	}
	return d
}
