// Every test class starts a whole cluster (coordinator + three nodes); two at a time is what a 2-core machine carries.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
