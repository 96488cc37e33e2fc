namespace MpcWallet.Transactions.Lifecycle;

/// <summary>What became of a create request: a new or existing transaction, or why there is none (or a failed one).</summary>
internal sealed record IntakeResult(IntakeOutcome Outcome, string? TransactionId, string? Field, string? Title, string Detail)
{
    public static IntakeResult Created(string id) => new(IntakeOutcome.Created, id, null, null, "");

    public static IntakeResult Existing(string id) => new(IntakeOutcome.Existing, id, null, null, "");

    public static IntakeResult Refused(string id, string reason) => new(IntakeOutcome.Refused, id, null, "Insufficient funds.", reason);

    public static IntakeResult Conflict(string detail) => new(IntakeOutcome.Conflict, null, null, null, detail);

    public static IntakeResult Invalid(string field, string detail) => new(IntakeOutcome.Invalid, null, field, null, detail);

    public static IntakeResult Unprocessable(string title, string detail) => new(IntakeOutcome.Unprocessable, null, null, title, detail);

    public static IntakeResult Unavailable(string detail) => new(IntakeOutcome.Unavailable, null, null, null, detail);
}
