//! A work counter for the cost fuzzer, compiled only under `cfg(fuzzing)`.
//!
//! The parsing stages whose cost is not a single forward pass (duplicate-name
//! comparisons and slot shifts, decoded-character comparisons, NumericDate
//! digits, re-reading array elements) add their steps here, and the `cost`
//! fuzz target asserts that the total stays linear in the input length. In
//! every other build [`add`] is an empty inline function.

#[cfg(fuzzing)]
mod counting {
    use core::sync::atomic::{AtomicUsize, Ordering};

    static WORK: AtomicUsize = AtomicUsize::new(0);

    /// Adds `steps` units of work.
    #[inline]
    pub(crate) fn add(steps: usize) {
        WORK.fetch_add(steps, Ordering::Relaxed);
    }

    /// The work counted since the last call, and resets the counter.
    pub(crate) fn take() -> usize {
        WORK.swap(0, Ordering::Relaxed)
    }
}

#[cfg(fuzzing)]
pub(crate) use counting::{add, take};

/// Adds `steps` units of work (counted only under `cfg(fuzzing)`).
#[cfg(not(fuzzing))]
#[inline(always)]
pub(crate) fn add(_steps: usize) {}
