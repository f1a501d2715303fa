package virustotal

import "time"

// SetNow makes p tell the time from now, so tests can date a daily quota's
// reset without waiting for one.
func SetNow(p *Provider, now func() time.Time) { p.api.Now = now }
