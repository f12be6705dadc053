using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;

namespace PersonalBudgets.Core.Tests.DirectPayments;

public sealed class DirectPaymentTests
{
    private static readonly Actor Officer = new(Guid.NewGuid(), "Fatima Officer");
    private static readonly Actor Other = new(Guid.NewGuid(), "Omar Officer");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);

    public static DirectPaymentSetUp Complete(RecipientKind recipient = RecipientKind.Person) => new(
        recipient, recipient == RecipientKind.Person ? null : "Sam Example", recipient == RecipientKind.Person ? null : "Brother", null,
        recipient == RecipientKind.AuthorisedPerson ? true : null, recipient == RecipientKind.AuthorisedPerson ? "Knows the person well, agrees, DBS checked" : null,
        recipient != RecipientKind.AuthorisedPerson, true, "Capacity assessed for this decision", false, null,
        AccountKind.PrepaidCard, "A Person DP account", "30-94-57", "12345678", false, null, null, PaymentFrequency.FourWeekly, Today, null, null);

    private static DirectPayment NewDp() => DirectPayment.Start(Guid.NewGuid(), Guid.NewGuid(), Today, 150m, 20m, Officer.UserId, Officer.DisplayName, Today.AddDays(14), Officer, Now);

    [Fact]
    public void Start_TakesTheNetFromGrossLessContribution()
    {
        var dp = NewDp();
        dp.NetWeekly.ShouldBe(130m);
        dp.Status.ShouldBe(DirectPaymentStatus.SettingUp);
        dp.Frequency.ShouldBe(PaymentFrequency.FourWeekly);
    }

    [Fact]
    public void PayingACloseRelativeInTheHousehold_WithoutAReason_IsRefused()
    {
        var dp = NewDp();
        var ex = Should.Throw<ValidationFailedException>(() => dp.Record(Complete() with { PaysCloseRelativeInHousehold = true }, dp.Revision, Officer, Now));
        ex.Errors.Single().Field.ShouldBe("CloseRelativeReason");
    }

    [Fact]
    public void PayingACloseRelativeInTheHousehold_WithTheReasonItIsNecessary_IsRecorded()
    {
        var dp = NewDp();
        dp.Record(Complete() with { PaysCloseRelativeInHousehold = true, CloseRelativeReason = "Only his sister can give personal care he accepts" }, dp.Revision, Officer, Now);
        dp.CloseRelativeReason.ShouldBe("Only his sister can give personal care he accepts");
    }

    [Fact]
    public void AuthorisedPerson_NotJudgedSuitable_IsRefused()
    {
        var dp = NewDp();
        Should.Throw<ValidationFailedException>(() => dp.Record(Complete(RecipientKind.AuthorisedPerson) with { AuthorisedPersonSuitable = false }, dp.Revision, Officer, Now))
            .Errors.Single().Field.ShouldBe("AuthorisedPersonSuitable");
    }

    [Fact]
    public void AuthorisedPerson_ForAPersonWithCapacity_IsRefused()
    {
        var dp = NewDp();
        Should.Throw<ValidationFailedException>(() => dp.Record(Complete(RecipientKind.AuthorisedPerson) with { PersonHasCapacity = true }, dp.Revision, Officer, Now))
            .Errors.Single().Field.ShouldBe("PersonHasCapacity");
    }

    [Fact]
    public void Signature_CannotBeRecorded_UntilTheSetUpIsComplete()
    {
        var dp = NewDp();
        var ex = Should.Throw<ValidationFailedException>(() => dp.RecordSignature(Today, dp.Revision, Today, Officer, Now));
        ex.Errors.Select(e => e.Field).ShouldContain("Recipient");
        dp.IsSigned.ShouldBeFalse();
        dp.PayableOn(Today.AddDays(100)).ShouldBeFalse();
    }

    [Fact]
    public void Signature_InTheFuture_IsRefused()
    {
        var dp = NewDp();
        dp.Record(Complete(), dp.Revision, Officer, Now);
        Should.Throw<ValidationFailedException>(() => dp.RecordSignature(Today.AddDays(1), dp.Revision, Today, Officer, Now)).Errors.Single().Field.ShouldBe("SignedOn");
    }

    [Fact]
    public void Signed_IsPayableFromTheSignatureDate_NotBefore()
    {
        var dp = NewDp();
        dp.Record(Complete(), dp.Revision, Officer, Now);
        dp.RecordSignature(Today, dp.Revision, Today, Officer, Now);

        dp.Status.ShouldBe(DirectPaymentStatus.Active);
        dp.PayableOn(Today.AddDays(-1)).ShouldBeFalse();
        dp.PayableOn(Today).ShouldBeTrue();
    }

    [Fact]
    public void Employer_WithoutLiabilityInsurance_CannotSign()
    {
        var dp = NewDp();
        dp.Record(Complete() with { EmploysPersonalAssistants = true, UsesPayrollService = true, HasEmployersLiabilityInsurance = false }, dp.Revision, Officer, Now);
        Should.Throw<ValidationFailedException>(() => dp.RecordSignature(Today, dp.Revision, Today, Officer, Now)).Errors.Single().Field.ShouldBe("HasEmployersLiabilityInsurance");
    }

    [Fact]
    public void StaleRevision_IsAConflict()
    {
        var dp = NewDp();
        Should.Throw<ConcurrencyConflictException>(() => dp.Record(Complete(), dp.Revision + 1, Officer, Now));
    }

    [Fact]
    public void SuspendAndEnd_NeedAReasonAndNotice_AndShapeTheSchedule()
    {
        var dp = NewDp();
        dp.Record(Complete(), dp.Revision, Officer, Now);
        dp.RecordSignature(Today, dp.Revision, Today, Officer, Now);

        Should.Throw<ValidationFailedException>(() => dp.Suspend(Today.AddDays(7), Today.AddDays(13), null, null, dp.Revision, Officer, Now))
            .Errors.Select(e => e.Field).ShouldBe(["Reason", "NoticeGivenOn"], ignoreOrder: true);
        dp.Suspend(Today.AddDays(7), Today.AddDays(13), "Hospital stay", Today, dp.Revision, Officer, Now);
        dp.End(Today.AddDays(27), "Moved to another council", Today, dp.Revision, Officer, Now);

        dp.Status.ShouldBe(DirectPaymentStatus.Ended);
        var terms = dp.Terms(Today);
        PaymentSchedule.AmountUpTo(terms, Today.AddDays(100)).ShouldBe(130m * 3);
    }

    [Fact]
    public void RevisedPlan_ChangesTheAmountsFromItsDate()
    {
        var dp = NewDp();
        dp.Record(Complete(), dp.Revision, Officer, Now);
        dp.RecordSignature(Today, dp.Revision, Today, Officer, Now);
        dp.ChangeAmounts(Guid.NewGuid(), Today.AddDays(14), 200m, 20m, "Plan version 2 approved", Other, Now);

        var periods = PaymentSchedule.Periods(dp.Terms(Today), Today.AddDays(20));
        periods.Select(p => p.Amount).ShouldBe([260m, 360m]);
    }
}
