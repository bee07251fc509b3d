//! The page: one self-contained HTML file (inline SVG and CSS, no script, no network),
//! readable offline and printable.

use std::fmt::Write as _;

/// Escapes text for HTML.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

const STYLE: &str = "body{font-family:sans-serif;max-width:960px;margin:1.5em auto;padding:0 1em;color:#111;line-height:1.4}\
h1{font-size:1.6em}h2{border-bottom:1px solid #999;margin-top:2em}h3{font-size:1.05em;margin:1.2em 0 .3em}\
table{border-collapse:collapse;font-size:.85em;margin:.5em 0 1em}th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}\
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.wide{overflow-x:auto}figure{margin:1em 0;break-inside:avoid;page-break-inside:avoid}\
figure svg{max-width:100%;height:auto;border:1px solid #ddd}.note{background:#fff6d5;border-left:4px solid #e6a800;padding:.4em .8em}\
.prov{font-size:.85em}code{font-size:.95em}@media print{body{max-width:none;margin:0}h2{break-before:auto}a{color:inherit}.wide{overflow:visible}table{font-size:.65em}}";

/// The page under construction.
#[derive(Debug, Default)]
pub struct Page {
    body: String,
    figures: Vec<String>,
}

impl Page {
    /// A heading of level 2 with an anchor.
    pub fn section(&mut self, id: &str, title: &str) {
        let _ = writeln!(self.body, "<h2 id=\"{}\">{}</h2>", esc(id), esc(title));
    }

    /// A heading of level 3.
    pub fn subsection(&mut self, title: &str) {
        let _ = writeln!(self.body, "<h3>{}</h3>", esc(title));
    }

    /// A paragraph of plain text.
    pub fn para(&mut self, text: &str) {
        let _ = writeln!(self.body, "<p>{}</p>", esc(text));
    }

    /// A highlighted note (a missing measure, an empty result).
    pub fn note(&mut self, text: &str) {
        let _ = writeln!(self.body, "<p class=\"note\">{}</p>", esc(text));
    }

    /// Raw HTML (already escaped).
    pub fn raw(&mut self, html: &str) {
        self.body.push_str(html);
        self.body.push('\n');
    }

    /// A figure: its title (also drawn inside the SVG) and the SVG.
    pub fn figure(&mut self, title: &str, svg: &str) {
        let n = self.figures.len() + 1;
        let _ = writeln!(
            self.body,
            "<figure id=\"figure-{n}\"><figcaption><strong>Figure {n}.</strong> {}</figcaption>\n{}\n</figure>",
            esc(title),
            svg.trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .trim()
        );
        self.figures.push(title.to_string());
    }

    /// A table with a header row; cells are plain text (a line break as `\n`), numbers
    /// right-aligned when `numeric[i]`.
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>], numeric: &[bool]) {
        let mut html = String::from("<div class=\"wide\"><table><thead><tr>");
        for h in header {
            let _ = write!(html, "<th>{}</th>", esc(h));
        }
        html.push_str("</tr></thead><tbody>\n");
        for row in rows {
            html.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let class = if numeric.get(i).copied().unwrap_or(false) {
                    " class=\"n\""
                } else {
                    ""
                };
                let _ = write!(html, "<td{class}>{}</td>", esc(cell).replace('\n', "<br>"));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody></table></div>");
        self.raw(&html);
    }

    /// The titles of the figures so far.
    pub fn figure_titles(&self) -> &[String] {
        &self.figures
    }

    /// The whole document.
    pub fn finish(&self, title: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n{}</body>\n</html>\n",
            esc(title),
            esc(title),
            self.body
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_figures_are_numbered() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        let mut page = Page::default();
        page.figure(
            "One",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg></svg>",
        );
        page.figure("Two", "<svg></svg>");
        let html = page.finish("T");
        assert!(
            html.contains("<figure id=\"figure-2\"><figcaption><strong>Figure 2.</strong> Two")
        );
        assert!(!html.contains("<?xml"));
        assert_eq!(page.figure_titles(), ["One", "Two"]);
    }
}
