namespace PersonalBudgets.Web.Features.People;

/// <summary>The heading shown on every page of a person's record, with the record's sections.</summary>
public sealed record PersonHeader(PersonRecord Record, string Tab);
