package abuseipdb

import (
	"fmt"
	"net/url"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// answer is the check endpoint's body, without the verbose reports.
type answer struct {
	Data *struct {
		IsWhitelisted    *bool   `json:"isWhitelisted"` // null for some addresses
		Score            *int    `json:"abuseConfidenceScore"`
		CountryCode      string  `json:"countryCode"`
		UsageType        string  `json:"usageType"`
		ISP              string  `json:"isp"`
		Domain           string  `json:"domain"`
		IsTor            bool    `json:"isTor"`
		TotalReports     int     `json:"totalReports"`
		NumDistinctUsers int     `json:"numDistinctUsers"`
		LastReportedAt   *string `json:"lastReportedAt"`
	} `json:"data"`
}

func parse(q intel.Query, resp *intel.Response) (intel.Result, error) {
	var a answer
	if err := intel.DecodeJSON(resp, &a); err != nil {
		return intel.Result{}, err
	}
	if a.Data == nil || a.Data.Score == nil {
		return intel.Result{}, intel.Malformed(resp, "abuse confidence score")
	}
	d := a.Data
	score := *d.Score
	allowListed := d.IsWhitelisted != nil && *d.IsWhitelisted

	var verdict intel.Verdict
	switch {
	case allowListed:
		verdict = intel.Harmless
	case d.TotalReports <= 0:
		verdict = intel.Unknown
	case score >= MaliciousScore:
		verdict = intel.Malicious
	case score >= SuspiciousScore:
		verdict = intel.Suspicious
	default:
		verdict = intel.Harmless
	}

	var summary string
	if d.TotalReports <= 0 {
		summary = fmt.Sprintf("no reports in the last %d days", MaxAgeInDays)
	} else {
		summary = fmt.Sprintf("abuse score %d%% from %d %s", score, d.TotalReports, plural(d.TotalReports, "report", "reports"))
	}
	if allowListed {
		summary = "allow-listed, " + summary
	}
	if d.UsageType != "" {
		summary += ", " + d.UsageType
	}
	if d.IsTor {
		summary += ", Tor exit node"
	}

	details := map[string]any{
		"abuse_score":    score,
		"total_reports":  d.TotalReports,
		"distinct_users": d.NumDistinctUsers,
		"is_tor":         d.IsTor,
	}
	for k, v := range map[string]string{"usage_type": d.UsageType, "isp": d.ISP, "domain": d.Domain, "country": d.CountryCode} {
		if v != "" {
			details[k] = v
		}
	}
	if d.LastReportedAt != nil && *d.LastReportedAt != "" {
		details["last_reported"] = *d.LastReportedAt
	}
	if d.IsWhitelisted != nil {
		details["allow_listed"] = *d.IsWhitelisted
	}
	if allowListed {
		details[intel.DetailBenignService] = true
	}
	return intel.Result{
		Kind:     "result",
		IOC:      q,
		Provider: Name,
		Verdict:  verdict,
		Summary:  summary,
		Link:     guiBase + url.PathEscape(q.Value),
		Details:  details,
	}, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
