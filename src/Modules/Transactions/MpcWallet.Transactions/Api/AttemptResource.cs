namespace MpcWallet.Transactions.Api;

/// <summary>One signed attempt (hash known). <c>status</c> and <c>error</c> are additions to api.md's fields.</summary>
internal sealed record AttemptResource(string Hash, string MaxFeePerGas, string MaxPriorityFeePerGas, DateTimeOffset? SubmittedAt, string Status, string? Error);
