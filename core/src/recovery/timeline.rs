//! Recovery timelines: phases with start and end offsets from the disruption (or its detection).

use serde::{Deserialize, Serialize};

/// One phase of a recovery. Phases on parallel tracks overlap; `track` groups them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct Phase {
    /// e.g. `detect`, `restore_data`, `traffic_shift`.
    pub name: String,
    /// Which parallel track: `main`, or a component name.
    pub track: String,
    pub start_seconds: f64,
    pub end_seconds: f64,
}

/// Builds a timeline: sequential steps on the main track, parallel tracks in between.
#[derive(Debug, Default)]
pub(crate) struct TimelineBuilder {
    pub phases: Vec<Phase>,
    pub now: f64,
}

impl TimelineBuilder {
    /// A step on the main track; zero-length steps are kept out of the chart.
    pub fn step(&mut self, name: &str, seconds: f64) {
        if seconds > 0.0 {
            self.phases.push(Phase {
                name: name.to_owned(),
                track: "main".to_owned(),
                start_seconds: self.now,
                end_seconds: self.now + seconds,
            });
        }
        self.now += seconds;
    }

    /// Parallel tracks that start together: each is a list of (phase name, seconds) run in order.
    /// The main clock moves to the end of the slowest track; returns that track's index.
    pub fn parallel(&mut self, tracks: &[(String, Vec<(String, f64)>)]) -> Option<usize> {
        let start = self.now;
        let mut slowest: Option<(usize, f64)> = None;
        for (i, (track, steps)) in tracks.iter().enumerate() {
            let mut t = start;
            for (name, secs) in steps {
                if *secs > 0.0 {
                    self.phases.push(Phase {
                        name: name.clone(),
                        track: track.clone(),
                        start_seconds: t,
                        end_seconds: t + secs,
                    });
                }
                t += secs;
            }
            if slowest.is_none_or(|(_, end)| t > end) {
                slowest = Some((i, t));
            }
        }
        if let Some((_, end)) = slowest {
            self.now = end;
        }
        slowest.map(|(i, _)| i)
    }
}
