//! Server-rendered SVG charts for the figures: a line chart and a bar
//! chart, each with a title and a description as its text alternative
//! (`role="img"`, `aria-labelledby`); the table under each chart holds the
//! same numbers for anyone who cannot see it.

use std::fmt;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 12.0;

/// Chart markup: only this module makes it, and it escapes every text it holds.
#[derive(Debug, Clone)]
pub struct Svg(String);

impl fmt::Display for Svg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for Svg {}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// What a chart shows: an id (unique on the page), its title, a sentence
/// describing it, the x labels and the values.
pub struct Chart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub labels: &'a [String],
    pub values: &'a [Option<f64>],
    /// How the top of the scale is written ("45 min", "4.2").
    pub format: &'a dyn Fn(f64) -> String,
}

impl Chart<'_> {
    fn max(&self) -> f64 {
        self.values
            .iter()
            .flatten()
            .fold(0.0_f64, |m, v| m.max(*v))
            .max(1e-9)
    }

    fn x(&self, i: usize) -> f64 {
        let n = self.labels.len().max(1) as f64;
        LEFT + (WIDTH - LEFT - 8.0) * (i as f64 + 0.5) / n
    }

    fn y(&self, value: f64) -> f64 {
        let plot = HEIGHT - BOTTOM - TOP;
        TOP + plot - plot * (value / self.max())
    }

    fn frame(&self, kind: &str, body: String) -> Svg {
        let id = escape(self.id);
        let max = self.max();
        let mut out = format!(
            "<svg class=\"chart chart-{kind}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(self.title),
            escape(self.description)
        );
        let base = HEIGHT - BOTTOM;
        out.push_str(&format!(
            "<line class=\"chart-axis\" x1=\"{LEFT}\" y1=\"{base}\" x2=\"{WIDTH}\" y2=\"{base}\"/>\
             <line class=\"chart-axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{base}\"/>\
             <text class=\"chart-tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <text class=\"chart-tick\" x=\"{}\" y=\"{base}\" text-anchor=\"end\">0</text>",
            LEFT - 4.0,
            TOP + 8.0,
            escape(&(self.format)(max)),
            LEFT - 4.0,
        ));
        // First and last labels under the axis; the table has them all.
        if let (Some(first), Some(last)) = (self.labels.first(), self.labels.last()) {
            out.push_str(&format!(
                "<text class=\"chart-tick\" x=\"{LEFT}\" y=\"{}\">{}</text>\
                 <text class=\"chart-tick\" x=\"{WIDTH}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                HEIGHT - 6.0,
                escape(first),
                HEIGHT - 6.0,
                escape(last)
            ));
        }
        out.push_str(&body);
        out.push_str("</svg>");
        Svg(out)
    }

    /// A line through the days that have a value (gaps where none).
    pub fn line(&self) -> Svg {
        let mut body = String::new();
        let mut segment: Vec<String> = Vec::new();
        let flush = |segment: &mut Vec<String>, body: &mut String| {
            if segment.len() > 1 {
                body.push_str(&format!(
                    "<polyline class=\"chart-series\" fill=\"none\" points=\"{}\"/>",
                    segment.join(" ")
                ));
            }
            segment.clear();
        };
        for (i, value) in self.values.iter().enumerate() {
            match value {
                Some(v) => {
                    let (x, y) = (self.x(i), self.y(*v));
                    segment.push(format!("{x:.1},{y:.1}"));
                    body.push_str(&format!(
                        "<circle class=\"chart-point\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\"/>"
                    ));
                }
                None => flush(&mut segment, &mut body),
            }
        }
        flush(&mut segment, &mut body);
        self.frame("line", body)
    }

    /// One bar per label.
    pub fn bars(&self) -> Svg {
        let n = self.labels.len().max(1) as f64;
        let width = ((WIDTH - LEFT - 8.0) / n * 0.7).max(1.0);
        let base = HEIGHT - BOTTOM;
        let body: String = self
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .map(|(i, v)| {
                let y = self.y(v);
                format!(
                    "<rect class=\"chart-bar\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{:.1}\"/>",
                    self.x(i) - width / 2.0,
                    (base - y).max(0.0)
                )
            })
            .collect();
        self.frame("bars", body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_their_text_and_carry_a_text_alternative() {
        let labels = vec!["<b>".to_string(), "2026-11-02".to_string()];
        let values = [Some(2.0), None];
        let chart = Chart {
            id: "c1",
            title: "Questions & answers",
            description: "Two days: 2, then none",
            labels: &labels,
            values: &values,
            format: &|v| format!("{v:.0}"),
        };
        let svg = chart.bars().to_string();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"c1-title c1-desc\""));
        assert!(svg.contains("<title id=\"c1-title\">Questions &amp; answers</title>"));
        assert!(svg.contains("&lt;b&gt;"));
        assert!(!svg.contains("<b>"));
        assert_eq!(svg.matches("<rect").count(), 1);
        let line = chart.line().to_string();
        // One point, no line through the gap.
        assert_eq!(line.matches("<circle").count(), 1);
        assert!(!line.contains("<polyline"));
    }
}
