using PersonalBudgets.EndToEnd.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(AppServerFixture))]

// One app and two cores: the browsers take turns, which keeps the run steady.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
