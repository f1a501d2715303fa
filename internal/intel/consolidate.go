package intel

// DetailBenignService is the Result.Details key a provider sets to true when
// the indicator belongs to a known benign service (GreyNoise RIOT, a CDN, a
// public resolver).
const DetailBenignService = "benign_service"

// Consolidate turns the providers' results for one indicator into one
// verdict. The rule:
//
//   - Each provider has already applied its own thresholds (VirusTotal:
//     malicious from several engines; AbuseIPDB: a high abuse score), so a
//     single provider's malicious verdict is a well-supported signal:
//     malicious wins, and nothing lowers it.
//   - Otherwise suspicious wins, unless a provider identifies the indicator
//     as a known benign service (Details["benign_service"] = true), which
//     lowers suspicious to harmless: scanners and CDNs are often reported
//     but are not the adversary.
//   - Otherwise harmless if any provider says harmless, then unknown if any
//     provider answered but knows nothing of it.
//   - With no answer at all: error if any lookup failed, skipped if every
//     provider was skipped (or none was asked).
func Consolidate(results []Result) Verdict {
	var malicious, suspicious, harmless, unknown, failed, benign bool
	for i := range results {
		r := &results[i]
		switch r.Verdict {
		case Malicious:
			malicious = true
		case Suspicious:
			suspicious = true
		case Harmless:
			harmless = true
		case Unknown:
			unknown = true
		case Error:
			failed = true
		}
		if b, ok := r.Details[DetailBenignService].(bool); ok && b && r.Verdict != Error && r.Verdict != Skipped {
			benign = true
		}
	}
	switch {
	case malicious:
		return Malicious
	case suspicious && benign:
		return Harmless
	case suspicious:
		return Suspicious
	case harmless:
		return Harmless
	case unknown:
		return Unknown
	case failed:
		return Error
	}
	return Skipped
}
