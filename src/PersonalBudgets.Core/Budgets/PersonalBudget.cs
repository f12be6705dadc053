using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Budgets;

/// <summary>
/// The personal budget statement (Care Act s26) in weekly amounts: the cost of meeting the needs, the person's
/// assessed contribution (always zero for section 117 aftercare), the NHS share for an integrated budget, and the
/// council's share, with the split by how the support is paid for.
/// </summary>
public sealed record BudgetStatement(
    decimal WeeklyCost,
    decimal AnnualCost,
    decimal ContributionWeekly,
    decimal NhsShareWeekly,
    decimal CouncilShareWeekly,
    IReadOnlyDictionary<Deployment, decimal> WeeklyByDeployment,
    bool Section117)
{
    public decimal ContributionAnnual => Money.Annual(ContributionWeekly);
    public decimal NhsShareAnnual => Money.Annual(NhsShareWeekly);

    /// <summary>The council's annual share: whatever the annual cost leaves, so the three annual shares add up exactly.</summary>
    public decimal CouncilShareAnnual => AnnualCost - ContributionAnnual - NhsShareAnnual;

    public static BudgetStatement Calculate(IReadOnlyCollection<PlanElement> elements, decimal contributionWeekly, decimal nhsShareWeekly, bool section117)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (contributionWeekly < 0 || nhsShareWeekly < 0)
        {
            throw new DomainException("budget-negative-share", "A contribution or share cannot be negative");
        }

        var weekly = PlanCosting.PeakWeekly(elements);
        // Section 117 aftercare is free: no charge and no contribution, whatever was entered.
        var contribution = section117 ? 0m : contributionWeekly;
        if (contribution + nhsShareWeekly > weekly)
        {
            throw new DomainException("budget-shares-exceed-cost",
                $"The person's contribution ({UkFormat.Money(contribution)}) and the NHS share ({UkFormat.Money(nhsShareWeekly)}) are more than the weekly cost ({UkFormat.Money(weekly)})");
        }

        var day = PlanCosting.PeakDay(elements);
        var split = day is { } d ? PlanCosting.ByDeployment(elements, d) : Enum.GetValues<Deployment>().ToDictionary(x => x, _ => 0m);
        return new BudgetStatement(weekly, Money.Annual(weekly), contribution, nhsShareWeekly, weekly - contribution - nhsShareWeekly, split, section117);
    }
}

/// <summary>A personal budget in place: the statement as approved, kept unchanged.</summary>
public sealed class PersonalBudget
{
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid PlanId { get; private set; }
    public int PlanNumber { get; private set; }
    public Guid ApprovalRequestId { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public decimal WeeklyCost { get; private set; }
    public decimal AnnualCost { get; private set; }
    public decimal ContributionWeekly { get; private set; }
    public decimal NhsShareWeekly { get; private set; }
    public decimal CouncilShareWeekly { get; private set; }
    public decimal DirectPaymentWeekly { get; private set; }
    public decimal CouncilManagedWeekly { get; private set; }
    public decimal IndividualServiceFundWeekly { get; private set; }
    public decimal CouncilCommissionedWeekly { get; private set; }
    public bool Section117 { get; private set; }

    /// <summary>The completed financial assessment the contribution now comes from, and the date it applies from (issue 14).</summary>
    public Guid? ContributionAssessmentId { get; private set; }

    public DateOnly? ContributionFrom { get; private set; }

    /// <summary>The contribution before the financial assessment changed it, for the statement's history.</summary>
    public decimal? PreviousContributionWeekly { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";

    private PersonalBudget()
    {
    }

    public bool HasDirectPayment => DirectPaymentWeekly > 0;

    public BudgetStatement Statement => new(WeeklyCost, AnnualCost, ContributionWeekly, NhsShareWeekly, CouncilShareWeekly,
        new Dictionary<Deployment, decimal>
        {
            [Deployment.DirectPayment] = DirectPaymentWeekly,
            [Deployment.CouncilManaged] = CouncilManagedWeekly,
            [Deployment.IndividualServiceFund] = IndividualServiceFundWeekly,
            [Deployment.CouncilCommissioned] = CouncilCommissionedWeekly,
        }, Section117);

    public static PersonalBudget Create(Guid personId, Guid planId, int planNumber, Guid approvalRequestId, DateOnly startDate, BudgetStatement statement, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(actor);
        return new PersonalBudget
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            PlanId = planId,
            PlanNumber = planNumber,
            ApprovalRequestId = approvalRequestId,
            StartDate = startDate,
            WeeklyCost = statement.WeeklyCost,
            AnnualCost = statement.AnnualCost,
            ContributionWeekly = statement.ContributionWeekly,
            NhsShareWeekly = statement.NhsShareWeekly,
            CouncilShareWeekly = statement.CouncilShareWeekly,
            DirectPaymentWeekly = statement.WeeklyByDeployment[Deployment.DirectPayment],
            CouncilManagedWeekly = statement.WeeklyByDeployment[Deployment.CouncilManaged],
            IndividualServiceFundWeekly = statement.WeeklyByDeployment[Deployment.IndividualServiceFund],
            CouncilCommissionedWeekly = statement.WeeklyByDeployment[Deployment.CouncilCommissioned],
            Section117 = statement.Section117,
            CreatedAt = now,
            CreatedByName = actor.DisplayName,
        };
    }

    /// <summary>
    /// A financial assessment fixed a new contribution from a date: the statement takes it from then (the council's share
    /// changes with it). Never more than the cost less the NHS share; always zero under section 117. Returns false when
    /// nothing changes.
    /// </summary>
    public bool ApplyAssessedContribution(Guid financialAssessmentId, decimal weekly, DateOnly from)
    {
        var contribution = Section117 ? 0m : Math.Min(Math.Max(0m, weekly), WeeklyCost - NhsShareWeekly);
        if (EndDate is not null || (ContributionAssessmentId == financialAssessmentId && contribution == ContributionWeekly))
        {
            return false;
        }

        PreviousContributionWeekly = ContributionWeekly;
        ContributionWeekly = contribution;
        CouncilShareWeekly = WeeklyCost - contribution - NhsShareWeekly;
        ContributionAssessmentId = financialAssessmentId;
        ContributionFrom = from < StartDate ? StartDate : from;
        return true;
    }

    /// <summary>Ends the budget, for example when a revised plan's budget replaces it.</summary>
    public void End(DateOnly endDate)
    {
        if (EndDate is not null)
        {
            return;
        }

        EndDate = endDate < StartDate ? StartDate : endDate;
    }
}
