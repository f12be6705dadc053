using PersonalBudgets.Bench.Load;

return await LoadCommands.RunAsync(args) ?? 2;
