using Capnp;
using Capnp.Generator;
using Capnp.Generator.Schema;

// capnpc-csharp: a Cap'n Proto compiler plugin. `capnp compile -o<path>/capnpc-csharp:<outdir> file.capnp` runs it
// with a CodeGeneratorRequest on stdin and <outdir> as the working directory; it writes <file>.cs for each
// requested file, using the layouts in the request (it never computes one itself).
try
{
    using var stdin = Console.OpenStandardInput();
    using var buffer = new MemoryStream();
    stdin.CopyTo(buffer);
    var options = new ReaderOptions { TraversalLimitInWords = long.MaxValue / 16, NestingLimit = 1024 };
    var message = Framing.ReadMessage(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), out _, options);
    var request = new CodeGeneratorRequest(message.Root.GetStruct());
    var model = new SchemaModel(request);
    var emitter = new Emitter(model);
    foreach (var file in request.RequestedFiles)
    {
        var path = file.Filename + ".cs";
        var text = emitter.EmitFile(file.Id, file.Filename);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    return 0;
}
catch (Exception e) when (e is CapnpFormatException or InvalidOperationException or NotSupportedException or IOException)
{
    Console.Error.WriteLine($"capnpc-csharp: {e.Message}");
    return 1;
}
