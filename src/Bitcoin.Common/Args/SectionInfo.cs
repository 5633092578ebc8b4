namespace Bitcoin.Common.Args;

/// <summary>A <c>[section]</c> (or <c>section.option=</c> prefix) seen in a config file, with where it was seen.</summary>
/// <param name="Name">The section name.</param>
/// <param name="File">The config file's path as given (included files: as written in <c>includeconf=</c>).</param>
/// <param name="Line">1-based line number.</param>
public readonly record struct SectionInfo(string Name, string File, int Line);
