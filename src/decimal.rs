//! Fixed-point text for numbers in SVG attributes and styles.
//!
//! `format!("{:.1}", x)` would pull the standard library's general float
//! formatting (about 10 KB of code and tables) into the web app for a handful
//! of coordinates; whole-number arithmetic does the same job here.

/// `value` rounded to `places` decimals (at most 6), as `-12.3`; never `-0.0`.
pub fn fixed(value: f64, places: u32) -> String {
    let places = places.min(6);
    let scale = 10_i64.pow(places);
    let scaled = if value.is_finite() {
        (value * scale as f64).round() as i64
    } else {
        0
    };
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, part) = (
        scaled.unsigned_abs() / scale as u64,
        scaled.unsigned_abs() % scale as u64,
    );
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{part:0width$}", width = places as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn rounds_like_the_standard_formatter_for_ordinary_values() {
        for v in [
            0.0,
            1.0,
            1.25,
            2.5,
            12.34,
            44.96,
            99.99,
            0.049,
            580.0,
            1e6 + 0.5,
        ] {
            for places in 0..=3 {
                let std = format!("{v:.p$}", p = places as usize);
                // The standard library rounds exact halves to even; we round them away from zero.
                if (v * 10f64.powi(places as i32)).fract().abs() != 0.5 {
                    assert_eq!(fixed(v, places), std, "{v} to {places} places");
                }
            }
        }
    }

    #[test]
    fn negatives_and_odd_values() {
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-0.06, 1), "-0.1");
        assert_eq!(fixed(-12.345, 2), "-12.35");
        assert_eq!(fixed(0.35, 2), "0.35");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(f64::NAN, 1), "0.0");
        assert_eq!(fixed(f64::INFINITY, 1), "0.0");
        assert_eq!(fixed(7.0, 9), "7.000000");
    }
}
