namespace MpcWallet.Transactions.Lifecycle;

/// <summary>What became of a create request: a new or existing transaction, or why there is none (nothing is stored then).</summary>
internal sealed record IntakeResult(IntakeOutcome Outcome, string? TransactionId, string? Field, string? Title, string Detail)
{
    /// <summary>Members added to the problem document (a revert's reason and data, the base fee, …).</summary>
    public IDictionary<string, object?>? Extensions { get; init; }

    public static IntakeResult Created(string id) => new(IntakeOutcome.Created, id, null, null, "");

    public static IntakeResult Existing(string id) => new(IntakeOutcome.Existing, id, null, null, "");

    public static IntakeResult Conflict(string detail) => new(IntakeOutcome.Conflict, null, null, null, detail);

    public static IntakeResult Invalid(string field, string detail) => new(IntakeOutcome.Invalid, null, field, null, detail);

    public static IntakeResult Unprocessable(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        new(IntakeOutcome.Unprocessable, null, null, title, detail) { Extensions = extensions };

    public static IntakeResult Unavailable(string detail) => new(IntakeOutcome.Unavailable, null, null, null, detail);
}
