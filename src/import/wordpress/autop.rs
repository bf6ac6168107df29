//! WordPress's paragraphs of the classic editor (`wpautop`), before the post is read as
//! HTML: blank lines become paragraphs, except beside a block tag.

/// WordPress's `wpautop` for the classic editor, simplified: text separated by blank
/// lines becomes paragraphs and a single line break a `<br>`, except around block
/// elements.
pub fn autop(html: &str) -> String {
    let html = html.replace("\r\n", "\n");
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    for chunk in html.split("\n\n") {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        let block = chunk.starts_with('<')
            && BLOCKS
                .iter()
                .any(|b| chunk[1..].to_ascii_lowercase().starts_with(b));
        if block || (chunk.starts_with('[') && !chunk.contains('\n') && chunk.ends_with(']')) {
            out.push_str(chunk);
        } else {
            out.push_str("<p>");
            let mut lines = chunk.lines().peekable();
            while let Some(line) = lines.next() {
                out.push_str(line);
                if let Some(next) = lines.peek() {
                    // A break only between lines of text, never beside a block tag.
                    let beside_block = block_tag(next.trim_start()) || ends_with_block_tag(line);
                    out.push_str(if beside_block { "\n" } else { "<br>" });
                }
            }
            out.push_str("</p>");
        }
        out.push_str("\n\n");
    }
    out
}

/// Whether `text` starts with the tag (opening or closing) of a block element.
fn block_tag(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCKS.contains(&name.as_str()) || LIST_PARTS.contains(&name.as_str())
}

/// Whether `line` ends with the tag of a block element.
fn ends_with_block_tag(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with('>') && line.rfind('<').is_some_and(|i| block_tag(&line[i..]))
}

const LIST_PARTS: [&str; 8] = ["li", "tr", "td", "th", "thead", "tbody", "dt", "dd"];

const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "figure",
    "hr",
    "dl",
    "section",
    "iframe",
    "form",
    "script",
    "style",
    "!--",
];
