using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Budgets;

public sealed record RasAnswer(string Id, string Text, int Points, decimal DeductionPercent = 0);

public sealed record RasQuestion(string Id, string Text, string? Hint, IReadOnlyList<RasAnswer> Answers);

/// <summary>Total points from FromPoints to ToPoints (inclusive) give WeeklyAmount.</summary>
public sealed record RasBand(int FromPoints, int ToPoints, decimal WeeklyAmount);

/// <summary>
/// From points to a weekly amount: a band when the total falls in one, otherwise points × price per point; then the
/// informal support deduction; then the minimum and maximum.
/// </summary>
public sealed record RasConversion(decimal? PricePerPoint, IReadOnlyList<RasBand> Bands, decimal MinimumWeekly, decimal MaximumWeekly);

public sealed record RasDefinition(IReadOnlyList<RasQuestion> Questions, RasConversion Conversion)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RasDefinition FromJson(string json) => JsonSerializer.Deserialize<RasDefinition>(json, Json)
        ?? throw new InvalidOperationException("Empty resource allocation system definition.");

    /// <summary>Everything that stops this definition being published, in plain English.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Questions.Count == 0) p.Add("Add at least one question");
        foreach (var dup in Questions.GroupBy(q => q.Id).Where(g => g.Count() > 1)) p.Add($"Question reference {dup.Key} is used more than once");
        for (var i = 0; i < Questions.Count; i++)
        {
            var q = Questions[i];
            var name = $"Question {i + 1}";
            if (string.IsNullOrWhiteSpace(q.Text)) p.Add($"{name} has no wording");
            if (q.Answers.Count < 2) p.Add($"{name} needs at least 2 answers");
            foreach (var dup in q.Answers.GroupBy(a => a.Id).Where(g => g.Count() > 1)) p.Add($"{name}: answer reference {dup.Key} is used more than once");
            foreach (var a in q.Answers)
            {
                if (string.IsNullOrWhiteSpace(a.Text)) p.Add($"{name} has an answer with no wording");
                if (a.Points < 0) p.Add($"{name}, answer \"{a.Text}\": points cannot be negative");
                if (a.DeductionPercent is < 0 or > 100) p.Add($"{name}, answer \"{a.Text}\": a deduction must be between 0% and 100%");
            }
        }

        var c = Conversion;
        if (c.PricePerPoint is null && c.Bands.Count == 0) p.Add("Set a price per point or at least one band");
        if (c.PricePerPoint is < 0) p.Add("The price per point cannot be negative");
        if (c.MinimumWeekly < 0) p.Add("The minimum weekly amount cannot be negative");
        if (c.MaximumWeekly < c.MinimumWeekly) p.Add("The maximum weekly amount cannot be below the minimum");
        var bands = c.Bands.OrderBy(b => b.FromPoints).ToList();
        for (var i = 0; i < bands.Count; i++)
        {
            var b = bands[i];
            if (b.FromPoints < 0 || b.ToPoints < b.FromPoints) p.Add($"The band from {b.FromPoints} to {b.ToPoints} points is not a valid range");
            if (b.WeeklyAmount < 0) p.Add($"The band from {b.FromPoints} to {b.ToPoints} points has a negative amount");
            if (i > 0 && b.FromPoints <= bands[i - 1].ToPoints) p.Add($"The bands from {bands[i - 1].FromPoints} and from {b.FromPoints} points overlap");
            if (i > 0 && b.FromPoints > bands[i - 1].ToPoints + 1) p.Add($"No band covers {bands[i - 1].ToPoints + 1} to {b.FromPoints - 1} points");
        }

        if (c.PricePerPoint is null && bands.Count > 0)
        {
            var max = Questions.Sum(q => q.Answers.Count == 0 ? 0 : q.Answers.Max(a => a.Points));
            if (bands[0].FromPoints > 0) p.Add($"No band covers 0 to {bands[0].FromPoints - 1} points");
            if (bands[^1].ToPoints < max) p.Add($"No band covers {bands[^1].ToPoints + 1} to {max} points (the highest possible total)");
        }

        return p;
    }
}

/// <summary>Whose needs a resource allocation system prices: adults' (reg 2), or carers' (reg 3). Each is versioned on its own.</summary>
public enum RasKind
{
    [Display(Name = "Adults' needs")] Adult,
    [Display(Name = "Carers' needs")] Carer,
}

public enum RasVersionStatus
{
    [Display(Name = "Draft")] Draft,
    [Display(Name = "Published")] Published,
    [Display(Name = "Retired")] Retired,
}

/// <summary>
/// A version of the council's resource allocation system. Drafts are edited; publishing freezes a version and retires
/// the one before. Indicative budgets keep the version they used, so past results never change.
/// </summary>
public sealed class RasVersion
{
    public Guid Id { get; private set; }

    /// <summary>Adults' or carers' (ADR 21): each kind has its own numbers, one draft and one published version.</summary>
    public RasKind Kind { get; private set; }

    public int Number { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsExample { get; private set; }
    public RasVersionStatus Status { get; private set; }
    public string DefinitionJson { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedByName { get; private set; }
    public int Revision { get; private set; }

    private RasVersion()
    {
    }

    public RasDefinition Definition => RasDefinition.FromJson(DefinitionJson);

    public static RasVersion CreateDraft(int number, string? name, RasDefinition definition, bool isExample, Actor actor, DateTimeOffset now, RasKind kind = RasKind.Adult)
    {
        var n = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (n is null)
        {
            throw new ValidationFailedException([new People.FieldError("Name", "Enter a name for this version")]);
        }

        return new RasVersion
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Number = number,
            Name = n.Length > 200 ? n[..200] : n,
            IsExample = isExample,
            Status = RasVersionStatus.Draft,
            DefinitionJson = definition.ToJson(),
            CreatedAt = now,
            CreatedByName = actor.DisplayName,
            Revision = 1,
        };
    }

    public void UpdateDraft(RasDefinition definition, int expectedRevision)
    {
        if (Status != RasVersionStatus.Draft)
        {
            throw new DomainException("ras-version-frozen", "A published version cannot be changed. Create a new draft from it");
        }

        if (expectedRevision != Revision)
        {
            throw new ConcurrencyConflictException(CreatedByName, CreatedAt);
        }

        DefinitionJson = definition.ToJson();
        Revision++;
    }

    public void Publish(Actor actor, DateTimeOffset now, RasVersion? currentlyPublished)
    {
        if (Status != RasVersionStatus.Draft)
        {
            throw new DomainException("ras-version-not-draft", "Only a draft can be published");
        }

        var problems = Definition.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException("ras-version-incomplete", "This version cannot be published: " + string.Join("; ", problems));
        }

        if (currentlyPublished is not null && currentlyPublished.Kind != Kind)
        {
            throw new ArgumentException("Publishing retires the version of the same kind.", nameof(currentlyPublished));
        }

        currentlyPublished?.Retire();
        Status = RasVersionStatus.Published;
        PublishedAt = now;
        PublishedByName = actor.DisplayName;
        Revision++;
    }

    private void Retire()
    {
        Status = RasVersionStatus.Retired;
        Revision++;
    }
}
