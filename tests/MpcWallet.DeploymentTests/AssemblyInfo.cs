// Each test runs a whole cluster of processes; one at a time spares the 2 cores (see SplitProcessesCollection).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
