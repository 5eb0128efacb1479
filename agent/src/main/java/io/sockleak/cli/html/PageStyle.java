package io.sockleak.cli.html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page's only style sheet, inline, and the Content-Security-Policy that allows it and nothing else: no
 * script at all (the page needs none: {@code <details>} expands the stacks), no fetch, no image, no font, no
 * form. Were a report's string ever to slip past the escaping, the browser would still refuse to run it or
 * to reach the network with it.
 */
final class PageStyle {

    /** Series colours of the charts: classes s0..s5 (lines) and k0..k5 (legend keys). */
    static final int COLOURS = 6;

    static final String CSS = """
            :root{--ink:#1d232a;--muted:#5b6670;--line:#d9dee3;--bg:#f6f7f9;--leak:#b42318;--ok:#1a7f37;--warn:#9a6700}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
            header{background:#fff;border-bottom:1px solid var(--line);padding:16px 24px}
            h1{font-size:20px;margin:0 0 4px}
            h2{font-size:17px;margin:0 0 10px}
            h3{font-size:14px;margin:14px 0 6px}
            main{padding:16px 24px;max-width:1200px}
            section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin:0 0 16px}
            nav{padding:8px 24px 0}
            nav a{margin-right:14px;color:#0b57d0;text-decoration:none}
            .muted{color:var(--muted)}
            .verdict{font-size:16px;font-weight:600;margin:6px 0 12px}
            .verdict.bad{color:var(--leak)}
            .verdict.good{color:var(--ok)}
            .cards{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 12px}
            .card{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:130px}
            .card .n{font-size:22px;font-weight:600}
            .card.leak .n{color:var(--leak)}
            .card.not .n{color:var(--muted)}
            .card .sub{font-size:12px;color:var(--muted)}
            table{border-collapse:collapse;width:100%;margin:4px 0 8px}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
            th{font-weight:600;font-size:12px;color:var(--muted)}
            td.time{white-space:nowrap}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            code,.frame,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12.5px}
            .frame{font-weight:600;word-break:break-all}
            .via{color:var(--muted);word-break:break-all}
            .site{border-top:1px solid var(--line);padding:10px 0 6px}
            .site:first-of-type{border-top:0}
            .site .count{display:inline-block;min-width:44px;font-size:18px;font-weight:600;color:var(--leak)}
            .site .id{color:var(--muted);font-size:12px}
            .evidence{margin:4px 0 0 44px}
            .evidence li{margin:2px 0}
            details{margin:4px 0 0 44px}
            summary{cursor:pointer;color:#0b57d0}
            pre{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:8px;overflow-x:auto;margin:4px 0;white-space:pre-wrap;word-break:break-all}
            .leftout{color:var(--warn);font-style:italic}
            .tag{display:inline-block;border:1px solid var(--line);border-radius:10px;padding:0 7px;font-size:12px;margin-left:4px}
            .not-leak{color:var(--muted)}
            .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:12px}
            figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px}
            figcaption{font-size:12.5px;margin:0 0 4px}
            svg.chart{width:100%;height:auto;display:block}
            svg.chart text{font-size:11px;fill:var(--muted)}
            svg.chart .grid{stroke:var(--line);stroke-width:1}
            svg.chart polyline{fill:none;stroke-width:2}
            .legend{list-style:none;padding:0;margin:4px 0 0;font-size:12px}
            .legend li{display:inline-block;margin-right:12px}
            .key{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
            .s0{stroke:#d1242f;fill:#d1242f}.k0{background:#d1242f}
            .s1{stroke:#0969da;fill:#0969da}.k1{background:#0969da}
            .s2{stroke:#1a7f37;fill:#1a7f37}.k2{background:#1a7f37}
            .s3{stroke:#8250df;fill:#8250df}.k3{background:#8250df}
            .s4{stroke:#bc4c00;fill:#bc4c00}.k4{background:#bc4c00}
            .s5{stroke:#57606a;fill:#57606a}.k5{background:#57606a}
            dl.meanings dt{font-weight:600;margin-top:8px}
            dl.meanings dd{margin:2px 0 0 16px}
            """;

    private PageStyle() {
    }

    /** The policy: the style element above by its hash, nothing else from anywhere. */
    static String contentSecurityPolicy() {
        return "default-src 'none'; style-src '" + sha256(CSS) + "'; base-uri 'none'; form-action 'none'";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
