package io.homelab.observer.dashboard.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RunTableTest {

  @Test
  void csvHasOneColumnPerParamAndMetricAndIsSafeForSpreadsheets() throws Exception {
    var runs =
        new ObjectMapper()
            .readTree(
                """
                [{"info":{"run_id":"r1","run_name":"=cmd()","status":"FINISHED","start_time":1},
                  "data":{"params":[{"key":"lr","value":"0.1"}],"metrics":[{"key":"loss","value":-0.5}]}},
                 {"info":{"run_id":"r2","run_name":"a, \\"b\\"","status":"RUNNING","start_time":2},
                  "data":{"metrics":[{"key":"acc","value":0.9}]}}]
                """);
    String csv = RunTable.csv(runs);
    assertThat(csv.lines())
        .containsExactly(
            "run_id,run_name,status,start_time,param:lr,metric:acc,metric:loss",
            "r1,'=cmd(),FINISHED,1,0.1,,-0.5",
            "r2,\"a, \"\"b\"\"\",RUNNING,2,,0.9,");
  }
}
