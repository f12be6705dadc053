using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Data.Projections;

/// <summary>
/// One open pathway step of a person currently allocated to a team, once per such team: team work's counts and lists
/// read a team's rows only (docs/adr/0019-team-scoped-read-tables-kept-by-triggers.md). Database triggers on
/// PathwaySteps and TeamAllocations keep the table exact (<see cref="TeamOpenStepsSql"/>); the application only reads it.
/// </summary>
public sealed class TeamOpenStep
{
    public Guid TeamId { get; init; }
    public Guid StepId { get; init; }
    public Guid PersonId { get; init; }
    public Guid? OwnerId { get; init; }
    public string? OwnerName { get; init; }
    public Profession? OwnerProfession { get; init; }
    public DateOnly DueDate { get; init; }
}
