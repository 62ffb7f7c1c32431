package io.trailsift.render;

import io.trailsift.store.RowSet;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * A self-contained HTML document: one file that opens offline (from a USB stick on an air-gapped
 * laptop) and asks for nothing over any network. Its Content-Security-Policy allows only its own
 * style and script, named by their hashes; every value from the logs goes through
 * {@link Escape#html} in text and attributes alike, and no value is ever put in a URL attribute,
 * an event handler or the script.
 */
final class HtmlStyle implements DocumentStyle {
    /** A filter lists at most this many values; a column with more gets no filter. */
    static final int MAX_FILTER_VALUES = 300;

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#fff}
            main{max-width:1200px;margin:0 auto;padding:16px 24px}
            h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #d0d7de;padding-bottom:4px}
            h3{font-size:15px;margin:16px 0 6px}
            table{border-collapse:collapse;font-size:12.5px;margin:6px 0}
            th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
            th{background:#f3f5f7;position:sticky;top:0;white-space:nowrap}
            tr:nth-child(even) td{background:#fafbfc}
            .scroll{overflow-x:auto;max-width:100%}
            pre{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;overflow-x:auto;font-size:12.5px;margin:4px 0}
            code,pre,td{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            ul.check{list-style:none;padding-left:4px}ul.check>li{margin:10px 0}
            .warn{color:#9a3412;font-weight:600}
            .cmd{position:relative}.cmd button{position:absolute;right:6px;top:6px;font-size:11px}
            .filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin:6px 0}
            .filters select{max-width:320px}
            svg{max-width:100%;height:auto;border:1px solid #d0d7de;background:#fff}
            svg text{font-family:ui-monospace,Menlo,Consolas,monospace}
            @media print{
              main{max-width:none;padding:0}.filters,.cmd button{display:none}
              pre{white-space:pre-wrap;overflow-wrap:anywhere}.scroll{overflow:visible}
              th{position:static}h2{break-after:avoid}svg{break-inside:avoid}
            }""";

    /**
     * Filters of the appendix (rows carry their values in data-f0.. attributes, read as data, never
     * run) and the copy buttons of the checklist. Nothing here reads a value into markup.
     */
    private static final String SCRIPT = """
            (function(){
            var t=document.getElementById('events');
            if(t){var sel=[].slice.call(document.querySelectorAll('select[data-col]')),
            rows=[].slice.call(t.tBodies[0].rows),out=document.getElementById('shown');
            function apply(){var n=0;rows.forEach(function(r){var ok=sel.every(function(s){
            return s.value===''||r.getAttribute('data-f'+s.getAttribute('data-col'))===s.value;});
            r.hidden=!ok;if(ok)n++;});out.textContent=n+' of '+rows.length+' rows shown';}
            sel.forEach(function(s){s.addEventListener('change',apply);});apply();}
            [].slice.call(document.querySelectorAll('.cmd button')).forEach(function(b){
            b.addEventListener('click',function(){var p=b.parentNode.querySelector('pre');
            var r=document.createRange();r.selectNodeContents(p);var s=window.getSelection();
            s.removeAllRanges();s.addRange(r);try{document.execCommand('copy');b.textContent='copied';}
            catch(e){b.textContent='selected';}});});
            })();""";

    /** No fetch, frame, form, font, image from elsewhere; only this style and this script. */
    static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; script-src '" + sha256(SCRIPT)
            + "'; img-src 'none'; base-uri 'none'; form-action 'none'";

    private final PrintWriter w;
    private boolean inList;
    private String listClass = "";

    HtmlStyle(PrintWriter w) {
        this.w = w;
    }

    @Override
    public void title(String prefix, Object value) {
        String title = Escape.html(prefix) + Escape.html(value);
        w.println("<!DOCTYPE html>");
        w.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.println("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">");
        w.println("<meta name=\"referrer\" content=\"no-referrer\">");
        w.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.println("<title>" + title + "</title>");
        w.println("<style>" + CSS + "</style></head><body><main>");
        w.println("<h1>" + title + "</h1>");
    }

    @Override
    public void paragraph(String text) {
        endList();
        if (!text.isBlank()) {
            w.println("<p>" + text + "</p>");
        }
    }

    @Override
    public void heading(int level, String title) {
        endList();
        int h = Math.min(6, Math.max(2, level));
        w.println("<h" + h + ">" + Escape.html(title) + "</h" + h + ">");
    }

    @Override
    public void bullet(String text) {
        item("", text);
    }

    @Override
    public void checkbox(String text) {
        item("check", "<label><input type=\"checkbox\"> " + text + "</label>");
    }

    @Override
    public void warning(String text) {
        if (inList) {
            w.println("<div class=\"warn\">Warning: " + text + "</div>");
        } else {
            w.println("<p class=\"warn\">Warning: " + text + "</p>");
        }
    }

    private void item(String cls, String text) {
        if (inList && !listClass.equals(cls)) {
            endList();
        }
        if (!inList) {
            w.println(cls.isEmpty() ? "<ul>" : "<ul class=\"" + cls + "\">");
            inList = true;
            listClass = cls;
        }
        w.println("<li>" + text);
    }

    private void endList() {
        if (inList) {
            w.println("</ul>");
            inList = false;
        }
    }

    @Override
    public String inline(Object value) {
        return Escape.html(value);
    }

    @Override
    public void table(RowSet rows) {
        endList();
        w.println("<div class=\"scroll\"><table><thead><tr>");
        header(rows);
        w.println("</tr></thead><tbody>");
        for (List<Object> row : rows.rows()) {
            w.print("<tr>");
            cells(row);
            w.println("</tr>");
        }
        w.println("</tbody></table></div>");
    }

    @Override
    public void filteredTable(RowSet rows, List<String> filterColumns) {
        endList();
        List<Integer> cols = new ArrayList<>();
        w.println("<div class=\"filters\">");
        for (String name : filterColumns) {
            int col = rows.columns().indexOf(name);
            if (col < 0) {
                continue;
            }
            TreeSet<String> values = new TreeSet<>();
            rows.rows().forEach(r -> values.add(Escape.text(r.get(col))));
            if (values.size() > MAX_FILTER_VALUES) {
                continue;
            }
            cols.add(col);
            w.println("<label>" + Escape.html(name) + " <select data-col=\"" + col + "\"><option value=\"\">(all)</option>");
            for (String v : values) {
                w.println("<option value=\"" + Escape.html(v) + "\">" + (v.isEmpty() ? "(none)" : Escape.html(v)) + "</option>");
            }
            w.println("</select></label>");
        }
        w.println("<span id=\"shown\">" + rows.rows().size() + " rows</span></div>");
        w.println("<div class=\"scroll\"><table id=\"events\"><thead><tr>");
        header(rows);
        w.println("</tr></thead><tbody>");
        for (List<Object> row : rows.rows()) {
            w.print("<tr");
            for (int col : cols) {
                w.print(" data-f" + col + "=\"" + Escape.html(Escape.text(row.get(col))) + "\"");
            }
            w.print(">");
            cells(row);
            w.println("</tr>");
        }
        w.println("</tbody></table></div>");
    }

    private void header(RowSet rows) {
        for (String c : rows.columns()) {
            w.print("<th>" + Escape.html(c) + "</th>");
        }
    }

    private void cells(List<Object> row) {
        for (Object v : row) {
            w.print("<td>" + Escape.html(v) + "</td>");
        }
    }

    @Override
    public void code(String language, String text) {
        endList();
        // line by line: Escape.html shows a line break inside a value as \x0a, as it should
        String pre = "<pre><code>" + String.join("\n", text.stripTrailing().lines().map(Escape::html).toList())
                + "</code></pre>";
        w.println(language.equals("sh") ? "<div class=\"cmd\"><button type=\"button\">copy</button>" + pre + "</div>" : pre);
    }

    @Override
    public boolean draws() {
        return true;
    }

    @Override
    public void picture(String svg) {
        endList();
        w.println(svg);
    }

    @Override
    public void flush() {
        endList();
        w.println("</main><script>" + SCRIPT + "</script></body></html>");
        w.flush();
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
