//! The `drplan` command (see the `drplan_cli` library: the whole command line is `run`).

fn main() {
    std::process::exit(drplan_cli::main_with_std_io(std::env::args_os()));
}
