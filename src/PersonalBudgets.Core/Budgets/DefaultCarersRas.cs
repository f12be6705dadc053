namespace PersonalBudgets.Core.Budgets;

/// <summary>
/// The example carers' resource allocation system shipped with the product (ADR 21): questions about the caring role
/// and its effect on the carer, priced on its own. Clearly labelled as an example to calibrate locally.
/// </summary>
public static class DefaultCarersRas
{
    public const string Name = "Carers' support (example: calibrate locally before use)";

    private static RasQuestion Q(string id, string text, string hint, params (string Text, int Points)[] answers) =>
        new(id, text, hint, answers.Select((a, i) => new RasAnswer($"{id}-{i + 1}", a.Text, a.Points)).ToList());

    public static RasDefinition Definition { get; } = new(
        [
            Q("caring-hours", "How much care does the carer give in a typical week?", "Include being on call, and harder weeks if the cared-for person's needs fluctuate.",
                ("Less than 20 hours", 2), ("20 to 49 hours", 6), ("50 hours or more", 10), ("Around the clock", 14)),
            Q("carer-health", "How is caring affecting the carer's physical or mental health?", "Sleep, stress, anxiety, or their own health conditions.",
                ("Not at all", 0), ("A little", 3), ("Significantly", 7), ("Their health is deteriorating", 10)),
            Q("breaks", "How often can the carer take a break from caring?", "Time for themselves, away from the caring role.",
                ("Regularly", 0), ("Sometimes", 3), ("Rarely", 6), ("Never", 9)),
            Q("work-life", "How much does caring stop the carer from working, learning, volunteering or taking part in activities they enjoy?", "Including seeing family and friends.",
                ("Not at all", 0), ("A little", 2), ("Quite a lot", 5), ("Almost completely", 8)),
            Q("home-others", "How much does caring affect the carer's home, meals, or care for a child or others?", "Keeping the home habitable, eating well, other caring responsibilities.",
                ("Not at all", 0), ("A little", 2), ("Quite a lot", 4), ("A great deal", 6)),
            new RasQuestion("other-support", "How much help does the carer already get from family, friends or other services that will continue?",
                "Support that is willingly given and sustainable. It reduces the indicative amount.",
                [
                    new("other-support-1", "None", 0, 0m),
                    new("other-support-2", "Some help each week", 0, 10m),
                    new("other-support-3", "A lot of help", 0, 25m),
                ]),
        ],
        new RasConversion(PricePerPoint: null,
            Bands: [new RasBand(0, 9, 10m), new RasBand(10, 19, 25m), new RasBand(20, 34, 45m), new RasBand(35, 47, 70m)],
            MinimumWeekly: 10m, MaximumWeekly: 120m));
}
