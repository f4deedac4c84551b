// AppendixKit: the library as one module. Each stage is its own target (see README, "Layout of
// the code"); this umbrella re-exports them so the command and the tests need one import.
@_exported import AppendixData
@_exported import AppendixDefinition
@_exported import AppendixExpression
@_exported import AppendixFees
@_exported import AppendixLayout
@_exported import AppendixPipeline
@_exported import AppendixRender
