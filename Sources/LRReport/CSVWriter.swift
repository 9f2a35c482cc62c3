public enum LRReportPlaceholder {}
