"""Speed machinery, and the only place for it: the content-hash cache, forked helper
processes, and process-level switches (the cycle collector, the exit). The stages that
validate or check never know whether they run from a cache or in a child process."""
