//! Server-rendered SVG charts for the figures: a line chart and a bar
//! chart, each with named axes, a legend, and a title and a description as
//! its text alternative (`role="img"`, `aria-labelledby`); the page shows the
//! title above the chart, and the table under the charts holds the same
//! numbers for anyone who cannot see it.

use std::fmt;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 64.0;
const BOTTOM: f64 = 44.0;
const TOP: f64 = 30.0;

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
    /// How the scale is written ("45 min", "4,2").
    pub format: &'a dyn Fn(f64) -> String,
    /// What the axes measure ("Day", "Minutes") and the series' name.
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub legend: &'a str,
    /// A fixed top of the scale (a score's 5), if any.
    pub top: Option<f64>,
}

fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 2.0;
    }
    let exponent = value.log10().floor() as i32;
    let power = 10f64.powi(exponent);
    [2.0, 4.0, 6.0, 8.0, 10.0]
        .into_iter()
        // Divided rather than multiplied below 1, so 0.4 stays 0.4.
        .map(|step| {
            if exponent < 0 {
                step / 10f64.powi(-exponent)
            } else {
                step * power
            }
        })
        .find(|candidate| *candidate >= value)
        .unwrap_or(10.0 * power)
}

impl Chart<'_> {
    /// The top of the scale: `top` when the chart has a fixed one, else a
    /// round number at or above the largest value whose half is round too
    /// (2, 4, 6, 8 or 10 times a power of ten), so the middle line reads true.
    fn max(&self) -> f64 {
        if let Some(top) = self.top {
            return top;
        }
        let largest = self.values.iter().flatten().fold(0.0_f64, |m, v| m.max(*v));
        nice_ceiling(largest)
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
        let middle = self.y(max / 2.0);
        out.push_str(&format!(
            "<line class=\"chart-grid\" x1=\"{LEFT}\" y1=\"{middle:.1}\" x2=\"{WIDTH}\" y2=\"{middle:.1}\"/>\
             <line class=\"chart-grid\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{WIDTH}\" y2=\"{TOP}\"/>\
             <line class=\"chart-axis\" x1=\"{LEFT}\" y1=\"{base}\" x2=\"{WIDTH}\" y2=\"{base}\"/>\
             <line class=\"chart-axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{base}\"/>\
             <text class=\"chart-tick\" x=\"{tick_x}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <text class=\"chart-tick\" x=\"{tick_x}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <text class=\"chart-tick\" x=\"{tick_x}\" y=\"{base}\" text-anchor=\"end\">0</text>",
            TOP + 4.0,
            escape(&(self.format)(max)),
            middle + 4.0,
            escape(&(self.format)(max / 2.0)),
            tick_x = LEFT - 4.0,
        ));
        // The axes' names: the value's up the left side, the days' below.
        out.push_str(&format!(
            "<text class=\"chart-label\" transform=\"rotate(-90)\" x=\"{:.1}\" y=\"14\" text-anchor=\"middle\">{}</text>\
             <text class=\"chart-label\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            -(TOP + (base - TOP) / 2.0),
            escape(self.y_label),
            LEFT + (WIDTH - LEFT) / 2.0,
            HEIGHT - 4.0,
            escape(self.x_label),
        ));
        // The legend, top right: the series' mark and name.
        out.push_str(&format!(
            "<g class=\"chart-legend\"><rect class=\"chart-swatch\" x=\"{}\" y=\"6\" width=\"14\" height=\"10\"/>\
             <text class=\"chart-tick\" x=\"{}\" y=\"15\" text-anchor=\"end\">{}</text></g>",
            WIDTH - 14.0,
            WIDTH - 18.0,
            escape(self.legend),
        ));
        // First and last days under the axis; the table has them all.
        if let (Some(first), Some(last)) = (self.labels.first(), self.labels.last()) {
            out.push_str(&format!(
                "<text class=\"chart-tick\" x=\"{LEFT}\" y=\"{}\">{}</text>\
                 <text class=\"chart-tick\" x=\"{WIDTH}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                base + 16.0,
                escape(first),
                base + 16.0,
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
    fn scales_end_on_a_number_whose_half_is_round() {
        assert_eq!(nice_ceiling(3.0), 4.0);
        assert_eq!(nice_ceiling(1.0), 2.0);
        assert_eq!(nice_ceiling(7.0), 8.0);
        assert_eq!(nice_ceiling(11.0), 20.0);
        assert_eq!(nice_ceiling(95.0), 100.0);
        assert_eq!(nice_ceiling(0.3), 0.4);
        assert_eq!(nice_ceiling(0.0), 2.0);
    }

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
            x_label: "Day",
            y_label: "Questions",
            legend: "Questions <asked>",
            top: None,
        };
        let svg = chart.bars().to_string();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"c1-title c1-desc\""));
        assert!(svg.contains("<title id=\"c1-title\">Questions &amp; answers</title>"));
        assert!(svg.contains("&lt;b&gt;"));
        assert!(!svg.contains("<b>"));
        // Named axes and a legend, escaped like the rest.
        assert!(svg.contains(">Day</text>"));
        assert!(svg.contains(">Questions</text>"));
        assert!(svg.contains("Questions &lt;asked&gt;"));
        assert_eq!(svg.matches("class=\"chart-bar\"").count(), 1);
        let line = chart.line().to_string();
        // One point, no line through the gap.
        assert_eq!(line.matches("<circle").count(), 1);
        assert!(!line.contains("<polyline"));
    }
}
