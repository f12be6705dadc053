using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;

namespace PersonalBudgets.Core.Tests.DirectPayments;

public sealed class PaymentRunTests
{
    private static readonly Actor Creator = new(Guid.NewGuid(), "Fatima Officer");
    private static readonly Actor Approver = new(Guid.NewGuid(), "Omar Officer");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 3, 2);

    private static (PaymentRun Run, List<Payment> Payments, Guid Source) Run(string payee = "Alex Example")
    {
        var run = PaymentRun.Create(Day, Creator, Now);
        var source = Guid.NewGuid();
        var payments = new List<Payment>
        {
            Payment.Propose(run.Id, PayableSource.DirectPayment, source, "DP-0001", Guid.NewGuid(), payee, new SchedulePeriod(Day, Day.AddDays(28), 520.50m, 0m)),
            Payment.Propose(run.Id, PayableSource.DirectPayment, Guid.NewGuid(), "DP-0002", Guid.NewGuid(), "Nobody", new SchedulePeriod(Day, Day.AddDays(28), 0m, 0m)),
        };
        run.Include(payments);
        return (run, payments, source);
    }

    [Fact]
    public void TheCreator_CannotApprove()
    {
        var (run, payments, _) = Run();
        Should.Throw<DomainException>(() => run.Approve(payments, new Dictionary<Guid, BankDetails>(), Creator, Now)).ErrorCode.ShouldBe("payment-run-four-eyes");
        run.Status.ShouldBe(PaymentRunStatus.Created);
        payments.ShouldAllBe(p => p.Status == PaymentStatus.Proposed);
    }

    [Fact]
    public void Approval_MakesTheFileWithControlTotals_AndMarksEachPaid()
    {
        var (run, payments, source) = Run("=Evil, \"Co\"");
        run.Approve(payments, new Dictionary<Guid, BankDetails> { [source] = new("=Evil, \"Co\"", "309457", "12345678") }, Approver, Now);

        var lines = run.FileCsv!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(PaymentFile.Header);
        lines[1].ShouldBe($"PAYMENT,{run.BatchReference},DP-0001-20260302,\"'=Evil, \"\"Co\"\"\",309457,12345678,520.50,2026-03-02,2026-03-29,DirectPayment");
        lines[2].ShouldBe($"SUBTOTAL,{run.BatchReference},1,,,,520.50,2026-03-02,,DirectPayment");
        lines[3].ShouldBe($"CONTROL,{run.BatchReference},1,,,,520.50,2026-03-02,,");
        lines.Length.ShouldBe(4);
        payments.ShouldAllBe(p => p.Status == PaymentStatus.Paid);
        run.Status.ShouldBe(PaymentRunStatus.Approved);
        (run.PaymentCount, run.Total).ShouldBe((1, 520.50m));
    }

    [Fact]
    public void ApprovingTwice_IsAConflict_AndChangesNothing()
    {
        var (run, payments, _) = Run();
        run.Approve(payments, new Dictionary<Guid, BankDetails>(), Approver, Now);
        var file = run.FileCsv;
        Should.Throw<ConflictException>(() => run.Approve(payments, new Dictionary<Guid, BankDetails>(), Approver, Now));
        run.FileCsv.ShouldBe(file);
    }

    [Fact]
    public void Cancelling_NeedsAReason_AndFreesThePeriods()
    {
        var (run, payments, _) = Run();
        Should.Throw<ValidationFailedException>(() => run.Cancel(payments, " ", Creator, Now)).Errors.Single().Field.ShouldBe("Reason");
        run.Cancel(payments, "Wrong date", Creator, Now);
        payments.ShouldAllBe(p => p.Status == PaymentStatus.Cancelled);
    }
}
