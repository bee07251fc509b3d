//! The page's figures, drawn with plotters' SVG backend into strings. Every figure
//! carries its title and, at its foot, the provenance line of the data.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::ReportError;

/// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];

/// The colour of series `i`.
pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

const FONT: &str = "sans-serif";
const WIDTH: u32 = 900;

fn err(e: impl std::fmt::Display) -> ReportError {
    ReportError::Figure(e.to_string())
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Rows of legend entries that fit the width, each entry `(label, colour index)`.
fn legend_rows(entries: &[(String, usize)]) -> Vec<Vec<(String, usize, i32)>> {
    let mut rows: Vec<Vec<(String, usize, i32)>> = Vec::new();
    let mut x = 10;
    for (label, series) in entries {
        let width = 26 + 7 * label.chars().count() as i32;
        if rows.is_empty() || x + width > WIDTH as i32 - 10 {
            rows.push(Vec::new());
            x = 10;
        }
        rows.last_mut()
            .expect("a row")
            .push((label.clone(), *series, x));
        x += width + 14;
    }
    rows
}

/// Draws a figure: the title on top, then the legend, `draw` in between, and the
/// provenance at the foot.
fn figure(
    title: &str,
    provenance: &str,
    height: u32,
    legend: &[(String, usize)],
    draw: impl FnOnce(&Area) -> Result<(), ReportError>,
) -> Result<String, ReportError> {
    let rows = legend_rows(legend);
    let legend_height = 20 * rows.len() as u32;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH, height + legend_height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (head, rest) = root.split_vertically(30);
        let (key, rest) = rest.split_vertically(legend_height);
        let (body, foot) = rest.split_vertically(height - 30 - 22);
        head.draw(&Text::new(
            title.to_string(),
            (10, 8),
            (FONT, 17).into_font().color(&BLACK),
        ))
        .map_err(err)?;
        for (r, row) in rows.iter().enumerate() {
            let y = 10 + 20 * r as i32;
            for (label, series, x) in row {
                let c = colour(*series);
                key.draw(&PathElement::new(
                    vec![(*x, y), (x + 18, y)],
                    c.stroke_width(3),
                ))
                .map_err(err)?;
                key.draw(&Circle::new((x + 9, y), 4, c.filled()))
                    .map_err(err)?;
                key.draw(&Text::new(
                    label.clone(),
                    (x + 24, y - 7),
                    (FONT, 13).into_font().color(&BLACK),
                ))
                .map_err(err)?;
            }
        }
        foot.draw(&Text::new(
            provenance.to_string(),
            (10, 4),
            (FONT, 11).into_font().color(&RGBColor(90, 90, 90)),
        ))
        .map_err(err)?;
        draw(&body)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// The words of a figure: its title, the provenance line at its foot, the axis titles.
#[derive(Clone, Copy, Debug)]
pub struct Frame<'a> {
    /// Title, drawn on top.
    pub title: &'a str,
    /// Provenance, drawn at the foot.
    pub provenance: &'a str,
    /// Title of the x axis.
    pub x_desc: &'a str,
    /// Title of the y axis.
    pub y_desc: &'a str,
}

/// One estimate with its interval, for a dot-and-whisker chart.
#[derive(Clone, Debug)]
pub struct Dot {
    /// Row label (the measure).
    pub row: String,
    /// Series (the arm): its colour index, as in the legend.
    pub series: usize,
    /// Estimate.
    pub value: f64,
    /// Interval.
    pub lower: f64,
    /// Interval.
    pub upper: f64,
}

/// A dot-and-whisker chart: one row per label, one dot per series of `legend` (label and
/// colour index) in it, on `x_range`.
pub fn dots(
    frame: &Frame,
    x_range: (f64, f64),
    rows: &[String],
    legend: &[(String, usize)],
    dots: &[Dot],
    zero_line: bool,
) -> Result<String, ReportError> {
    let height = 110 + 18 * rows.len() as u32 * legend.len().max(1) as u32;
    figure(
        frame.title,
        frame.provenance,
        height.max(200),
        legend,
        |area| {
            let n = rows.len() as f64;
            let mut chart = ChartBuilder::on(area)
                .margin(10)
                .x_label_area_size(36)
                .y_label_area_size(300)
                .build_cartesian_2d(x_range.0..x_range.1, -0.5..n - 0.5)
                .map_err(err)?;
            let labels: Vec<String> = rows.to_vec();
            chart
                .configure_mesh()
                .y_labels(rows.len().max(1))
                .y_label_formatter(&|y| {
                    let k = y.round();
                    if (y - k).abs() < 1e-6 && k >= 0.0 && (k as usize) < labels.len() {
                        labels[labels.len() - 1 - k as usize].clone()
                    } else {
                        String::new()
                    }
                })
                .x_desc(frame.x_desc)
                .label_style((FONT, 12))
                .light_line_style(RGBColor(238, 238, 238))
                .draw()
                .map_err(err)?;
            if zero_line {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(0.0, -0.5), (0.0, n - 0.5)],
                        BLACK.stroke_width(1),
                    )))
                    .map_err(err)?;
            }
            let k = legend.len().max(1) as f64;
            for (s, (_, series)) in legend.iter().enumerate() {
                let c = colour(*series);
                let offset = |s: usize| ((k - 1.0) / 2.0 - s as f64) * (0.7 / k);
                let placed: Vec<(f64, &Dot)> = dots
                    .iter()
                    .filter(|d| d.series == *series)
                    .filter_map(|d| {
                        let r = rows.iter().position(|r| *r == d.row)?;
                        Some(((n - 1.0 - r as f64) + offset(s), d))
                    })
                    .collect();
                chart
                    .draw_series(placed.iter().map(|(y, d)| {
                        PathElement::new(vec![(d.lower, *y), (d.upper, *y)], c.stroke_width(2))
                    }))
                    .map_err(err)?;
                chart
                    .draw_series(
                        placed
                            .iter()
                            .map(|(y, d)| Circle::new((d.value, *y), 4, c.filled())),
                    )
                    .map_err(err)?;
            }
            Ok(())
        },
    )
}

/// A line of points with a band around it.
#[derive(Clone, Debug, Default)]
pub struct Band {
    /// Series label.
    pub label: String,
    /// Colour index.
    pub series: usize,
    /// (x, lower, middle, upper).
    pub points: Vec<(f64, f64, f64, f64)>,
    /// Draw as a step function (Kaplan–Meier).
    pub steps: bool,
}

fn stepped(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            out.push((p.0, points[i - 1].1));
        }
        out.push(*p);
    }
    out
}

fn extent(bands: &[Band]) -> ((f64, f64), (f64, f64)) {
    let mut x = (f64::INFINITY, f64::NEG_INFINITY);
    let mut y = (f64::INFINITY, f64::NEG_INFINITY);
    for b in bands {
        for p in &b.points {
            x = (x.0.min(p.0), x.1.max(p.0));
            y = (y.0.min(p.1).min(p.2), y.1.max(p.3).max(p.2));
        }
    }
    if !x.0.is_finite() {
        return ((0.0, 1.0), (0.0, 1.0));
    }
    if x.1 <= x.0 {
        x.1 = x.0 + 1.0;
    }
    if y.1 <= y.0 {
        y = (y.0 - 0.5, y.1 + 0.5);
    }
    let pad = (y.1 - y.0) * 0.05;
    (x, (y.0 - pad, y.1 + pad))
}

fn draw_bands(
    area: &Area,
    caption: Option<&str>,
    x_desc: &str,
    y_desc: &str,
    y_range: Option<(f64, f64)>,
    bands: &[Band],
) -> Result<(), ReportError> {
    let (x, y_auto) = extent(bands);
    let y = y_range.unwrap_or(y_auto);
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(8)
        .x_label_area_size(34)
        .y_label_area_size(56);
    if let Some(c) = caption {
        builder.caption(c, (FONT, 14));
    }
    let mut chart = builder
        .build_cartesian_2d(x.0..x.1, y.0..y.1)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .label_style((FONT, 11))
        .light_line_style(RGBColor(238, 238, 238))
        .draw()
        .map_err(err)?;
    for band in bands {
        let c = colour(band.series);
        let lower: Vec<(f64, f64)> = band.points.iter().map(|p| (p.0, p.1)).collect();
        let middle: Vec<(f64, f64)> = band.points.iter().map(|p| (p.0, p.2)).collect();
        let upper: Vec<(f64, f64)> = band.points.iter().map(|p| (p.0, p.3)).collect();
        let (lower, middle, upper) = if band.steps {
            (stepped(&lower), stepped(&middle), stepped(&upper))
        } else {
            (lower, middle, upper)
        };
        let mut outline = upper.clone();
        outline.extend(lower.iter().rev());
        chart
            .draw_series(std::iter::once(Polygon::new(outline, c.mix(0.18))))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(middle, c.stroke_width(2)))
            .map_err(err)?;
    }
    Ok(())
}

/// Curves with bands, all on one chart (survival curves, rung probabilities).
pub fn curves(
    frame: &Frame,
    y_range: Option<(f64, f64)>,
    bands: &[Band],
) -> Result<String, ReportError> {
    let legend: Vec<(String, usize)> = bands.iter().map(|b| (b.label.clone(), b.series)).collect();
    figure(frame.title, frame.provenance, 420, &legend, |area| {
        draw_bands(area, None, frame.x_desc, frame.y_desc, y_range, bands)
    })
}

/// Small multiples: one panel per band (fan charts per arm), sharing the y range.
pub fn panels(frame: &Frame, bands: &[Band]) -> Result<String, ReportError> {
    let cols = if bands.len() > 1 { 2 } else { 1 };
    let rows = bands.len().div_ceil(cols).max(1);
    let (_, y) = extent(bands);
    figure(
        frame.title,
        frame.provenance,
        60 + 240 * rows as u32,
        &[],
        |area| {
            let cells = area.split_evenly((rows, cols));
            for (cell, band) in cells.iter().zip(bands) {
                draw_bands(
                    cell,
                    Some(&band.label),
                    frame.x_desc,
                    frame.y_desc,
                    Some(y),
                    std::slice::from_ref(band),
                )?;
            }
            Ok(())
        },
    )
}

/// A labelled point of a scatter chart.
#[derive(Clone, Debug)]
pub struct Labelled {
    /// x.
    pub x: f64,
    /// y.
    pub y: f64,
    /// Label drawn next to it.
    pub label: String,
    /// Colour index.
    pub series: usize,
}

/// A scatter of labelled points, optionally joined in order (a PRIM trajectory).
pub fn scatter(
    frame: &Frame,
    ranges: Option<((f64, f64), (f64, f64))>,
    points: &[Labelled],
    joined: bool,
    legend: &[(String, usize)],
) -> Result<String, ReportError> {
    figure(frame.title, frame.provenance, 440, legend, |area| {
        let ((x0, x1), (y0, y1)) = ranges.unwrap_or_else(|| {
            let xm = points.iter().map(|p| p.x).fold(0.0, f64::max);
            let ym = points.iter().map(|p| p.y).fold(0.0, f64::max);
            let pad = |m: f64| if m > 0.0 { m * 1.15 } else { 1.0 };
            ((0.0, pad(xm)), (0.0, pad(ym)))
        });
        let mut chart = ChartBuilder::on(area)
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(60)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc(frame.x_desc)
            .y_desc(frame.y_desc)
            .label_style((FONT, 11))
            .light_line_style(RGBColor(238, 238, 238))
            .draw()
            .map_err(err)?;
        if joined {
            chart
                .draw_series(LineSeries::new(
                    points.iter().map(|p| (p.x, p.y)),
                    RGBColor(120, 120, 120).stroke_width(1),
                ))
                .map_err(err)?;
        }
        chart
            .draw_series(points.iter().map(|p| {
                EmptyElement::at((p.x, p.y))
                    + Circle::new((0, 0), 4, colour(p.series).filled())
                    + Text::new(p.label.clone(), (6, -12), (FONT, 11))
            }))
            .map_err(err)?;
        Ok(())
    })
}
