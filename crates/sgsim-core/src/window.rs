//! A four-week rolling sum, the horizon over which actors read recent trends.

/// The last four weekly values.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Window4 {
    values: [f64; 4],
    next: usize,
}

impl Window4 {
    /// Records this week's value, dropping the value of five weeks ago.
    pub fn push(&mut self, value: f64) {
        self.values[self.next] = value;
        self.next = (self.next + 1) % 4;
    }

    /// Sum of the last four weeks, summed in a fixed order.
    pub fn sum(&self) -> f64 {
        self.values[0] + self.values[1] + self.values[2] + self.values[3]
    }

    /// The most recent value.
    pub fn last(&self) -> f64 {
        self.values[(self.next + 3) % 4]
    }
}

#[cfg(test)]
mod tests {
    use super::Window4;

    #[test]
    fn keeps_the_last_four_weeks() {
        let mut window = Window4::default();
        for value in 1..=6 {
            window.push(f64::from(value));
        }
        assert_eq!(window.sum(), 3.0 + 4.0 + 5.0 + 6.0);
        assert_eq!(window.last(), 6.0);
    }
}
