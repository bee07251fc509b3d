//! The report page in a real browser: Debian's headless Chromium opens `report.html` from
//! disk with the network off, takes a screenshot and dumps the DOM; the test checks that
//! there are no console errors or failed loads, that every expected figure is there with
//! its title, and that the screenshot is not blank.
//!
//! Without Chromium the test is skipped with a message, unless `CI` is set (as `.ci/run`
//! does, which installs it), where a missing browser fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use sgsim_tests::read_csv;

use crate::report::{expected_titles, reported_sweep};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `page` with `args`, the network cut off (every host
/// resolves to nothing, every request goes to a closed proxy), and returns (stdout,
/// stderr).
fn headless(browser: &Path, profile: &Path, page: &Path, args: &[&str]) -> (String, String) {
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=http://127.0.0.1:9",
            "--window-size=1000,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The console errors and failed loads in Chromium's log.
fn page_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            l.contains(":CONSOLE")
                || l.contains("net::ERR_")
                || l.contains("Uncaught")
                || l.contains("Failed to load resource")
        })
        .collect()
}

/// Mean and variance of the luminance of an 8-bit RGB or RGBA PNG, and the share of
/// pixels that are not white.
fn luminance(png_path: &Path) -> (f64, f64, f64) {
    let file = std::io::BufReader::new(std::fs::File::open(png_path).expect("screenshot"));
    let mut reader = png::Decoder::new(file).read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a buffer size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    let pixels: Vec<f64> = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| 0.2126 * f64::from(p[0]) + 0.7152 * f64::from(p[1]) + 0.0722 * f64::from(p[2]))
        .collect();
    let n = pixels.len() as f64;
    let mean = pixels.iter().sum::<f64>() / n;
    let var = pixels.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    let ink = pixels.iter().filter(|v| **v < 250.0).count() as f64 / n;
    (mean, var, ink)
}

/// The trimmed contents of every SVG `<text>` element.
fn svg_texts(dom: &str) -> Vec<&str> {
    dom.split("<text")
        .skip(1)
        .filter_map(|t| {
            let start = t.find('>')? + 1;
            let end = t.find("</text>")?;
            Some(t[start..end].trim())
        })
        .collect()
}

#[test]
fn the_page_renders_offline_in_headless_chromium_with_every_figure() {
    let Some(browser) = chromium() else {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("CI is set but chromium is not installed (apt-get install -y chromium)");
        }
        eprintln!(
            "skipped: chromium is not installed (apt-get install -y chromium); under CI this test fails"
        );
        return;
    };
    let out = reported_sweep();
    let page = out.join("report.html");
    let work = tempfile::tempdir().unwrap();

    // The error check itself: a page that logs an error and loads from the network is
    // caught.
    let bad = work.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html><body><script>console.error('boom')</script><img src=\"http://example.invalid/x.png\"></body></html>",
    )
    .unwrap();
    let (_, log) = headless(&browser, &work.path().join("p0"), &bad, &["--dump-dom"]);
    assert!(
        page_errors(&log).iter().any(|l| l.contains("boom")),
        "the console check missed console.error: {log}"
    );

    let shot = work.path().join("shot.png");
    let (_, log) = headless(
        &browser,
        &work.path().join("p1"),
        &page,
        &[&format!("--screenshot={}", shot.display())],
    );
    assert_eq!(page_errors(&log), Vec::<&str>::new(), "{log}");
    let (dom, log) = headless(&browser, &work.path().join("p2"), &page, &["--dump-dom"]);
    assert_eq!(page_errors(&log), Vec::<&str>::new(), "{log}");

    let (header, runs) = read_csv(&out.join("runs.csv"));
    let titles = expected_titles(&header, &runs);
    assert_eq!(dom.matches("<figure ").count(), titles.len(), "{dom}");
    assert_eq!(dom.matches("<svg ").count(), titles.len());
    let svg_texts = svg_texts(&dom);
    for title in &titles {
        let escaped = title.replace('<', "&lt;");
        assert!(
            dom.contains(&format!("</strong> {escaped}</figcaption>")),
            "no caption {title}"
        );
        // The title is also drawn inside the figure's SVG.
        assert!(
            svg_texts.contains(&escaped.as_str()),
            "no title in the SVG of {title}"
        );
    }
    assert!(dom.contains("<h1>sgsim report: report_test</h1>"));

    let (mean, variance, ink) = luminance(&shot);
    assert!(
        variance > 200.0,
        "blank screenshot? luminance variance {variance}"
    );
    assert!(ink > 0.02, "almost nothing drawn: {ink}");
    assert!(mean > 150.0, "mostly dark: mean luminance {mean}");
}
