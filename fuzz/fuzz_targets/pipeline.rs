//! libFuzzer over clawlint's whole pipeline: load → every rule → every output format → the fix
//! loop → the fix loop again (see `clawlint::fuzzing`). Run it with `fuzz/run.sh SECONDS`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // One input after another in one process: each with a secret registry of its own.
    clawlint::redact::private(|| clawlint::fuzzing::pipeline(data));
});
