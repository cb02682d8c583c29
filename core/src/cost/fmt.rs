//! Number formatting for formula strings (display only: the math is never rounded).

/// A number for a formula: up to 6 decimals, trailing zeros trimmed, thousands not separated;
/// tiny non-zero values and values of 10^15 and above in scientific notation.
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x != 0.0 && x.abs() < 1e-4 {
        return format!("{x:.3e}");
    }
    // Huge values (beyond any input bound) in scientific notation, never hundreds of digits.
    if x.abs() >= 1e15 {
        return format!("{x:e}");
    }
    let s = format!("{x:.6}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    if s == "-0" {
        "0".to_owned()
    } else {
        s
    }
}

/// A price: full precision of the book's value (prices like 0.00099 must show as given).
pub(crate) fn usd(x: f64) -> String {
    if !x.is_finite() {
        return format!("${x}");
    }
    // 6 decimals (8 below a cent, so prices such as $0.00099 show as given); trailing zeros
    // trimmed.
    let s = if x != 0.0 && x.abs() < 0.01 {
        format!("{x:.8}")
    } else {
        format!("{x:.6}")
    };
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "$0".to_owned()
    } else {
        format!("${s}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(num(10.0), "10");
        assert_eq!(num(2.958904109589), "2.958904");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(0.00001234), "1.234e-5");
        assert_eq!(usd(0.00099), "$0.00099");
        assert_eq!(usd(3.7500000000000004), "$3.75");
        assert_eq!(usd(10.0), "$10");
    }
}
