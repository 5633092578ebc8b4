using Apps.bitcoin_cli;

// bitcoin-cli: sends one command (or a -getinfo/-generate/-addrinfo batch) to a JSON-RPC server and prints the answer
// as Core's bitcoin-cli does: results on stdout, "error code:"/"error message:" on stderr, exit status = |error code|.
return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error).ConfigureAwait(false);
