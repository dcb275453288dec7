// WarmShacl validates one data file against one shapes file N times in one JVM and prints each run's milliseconds:
// Apache Jena's in-process, warm figure for `npm run bench -- validate --against-jena`.
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;

public class WarmShacl {
  public static void main(String[] args) {
    Graph shapesGraph = RDFDataMgr.loadGraph(args[0]);
    Graph data = RDFDataMgr.loadGraph(args[1]);
    int runs = Integer.parseInt(args[2]);
    Shapes shapes = Shapes.parse(shapesGraph);
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      ValidationReport report = ShaclValidator.get().validate(shapes, data);
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println(ms + " " + report.getEntries().size());
    }
  }
}
